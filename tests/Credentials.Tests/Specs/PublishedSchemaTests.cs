using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Tests.Support;
using Credentials.Tests.Verification;
using Credentials.Trust;
using Credentials.Verification;
using Json.Schema;

namespace Credentials.Tests.Specs;

/// <summary>
/// The JSON Schemas published in specs/schemas, checked with an independent validator (JsonSchema.Net) against
/// what the product writes and reads, so the documents and the code cannot drift apart.
/// </summary>
public sealed class PublishedSchemaTests
{
    private static readonly BuildOptions Build = new() { SchemaRegistry = new SchemaRegistry() };
    private static readonly JsonSchema Payload = Load("eprc-payload-1.0.schema.json");
    private static readonly JsonSchema Export = Load("verification-export-1.0.schema.json");
    private static readonly JsonSchema Registry = Load("trust-registry.schema.json");
    private static readonly JsonSchema EhicPayload = Load("ehic-payload-0.1.schema.json");
    private static readonly JsonSchema IsiPayload = Load("isi-payload-0.1.schema.json");
    private static readonly JsonSchema ExportList = Load("verification-export-list-1.0.schema.json");
    private static readonly JsonSchema ExportV2 = Load("verification-export-2.0.schema.json");
    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private static JsonSchema Load(string file) => JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", file)), Build);

    private static bool IsValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, Evaluation).IsValid;
    }

    [Fact]
    public void Exports_of_approved_and_rejected_verifications_follow_the_export_schema()
    {
        using var scenario = Scenario.Es256();
        var verifier = scenario.Verifier();
        var approved = verifier.Verify(scenario.IssueValid().QrText, Scenario.Today);
        var rejectedLate = verifier.Verify(scenario.IssueValid().QrText, new DateOnly(1899, 1, 1));
        var rejectedGarbage = verifier.Verify("NOT AN EPRC", Scenario.Today);
        var aged = new Credentials.Trust.TrustRegistry([scenario.Demo.Issuer], scenario.Clock.GetUtcNow().AddDays(-10));
        var rejectedOldTrust = scenario.Verifier(aged).Verify(scenario.IssueValid().QrText, Scenario.Today);
        var approvedWithAge = scenario.Verifier(new Credentials.Trust.TrustRegistry([scenario.Demo.Issuer], scenario.Clock.GetUtcNow().AddHours(-30))).Verify(scenario.IssueValid().QrText, Scenario.Today);
        foreach (var report in new[] { approved, rejectedLate, rejectedGarbage, rejectedOldTrust, approvedWithAge })
        {
            foreach (var language in Credentials.Labels.MessageCatalog.Languages)
            {
                var json = VerificationExport.ToJson(report, language: language);
                Assert.True(IsValid(Export, json), json);
            }
        }

        Assert.Contains("\"payload\"", VerificationExport.ToJson(approved), StringComparison.Ordinal);
        Assert.DoesNotContain("\"payload\"", VerificationExport.ToJson(rejectedLate), StringComparison.Ordinal);
    }

    [Fact]
    public void Exports_in_schema_2_of_approved_and_rejected_QR_verifications_follow_schema_2_in_every_language()
    {
        using var scenario = Scenario.Es256();
        var verifier = scenario.Verifier();
        var approved = verifier.Verify(scenario.IssueValid().QrText, Scenario.Today);
        var rejectedLate = verifier.Verify(scenario.IssueValid().QrText, new DateOnly(1899, 1, 1));
        var rejectedGarbage = verifier.Verify("NOT AN EPRC", Scenario.Today);
        var rejectedOldTrust = scenario.Verifier(new Credentials.Trust.TrustRegistry([scenario.Demo.Issuer], scenario.Clock.GetUtcNow().AddDays(-10))).Verify(scenario.IssueValid().QrText, Scenario.Today);
        foreach (var (report, kind) in new[] { (approved, ExportInputKind.Pdf), (rejectedLate, ExportInputKind.QrText), (rejectedGarbage, ExportInputKind.QrText), (rejectedOldTrust, ExportInputKind.Image) })
        {
            foreach (var language in Credentials.Labels.MessageCatalog.Languages)
            {
                var json = VerificationExportV2.ToJson(VerificationRecord.FromQr(report, kind), language: language);
                Assert.True(IsValid(ExportV2, json), json);
            }
        }

        var export = JsonNode.Parse(VerificationExportV2.ToJson(VerificationRecord.FromQr(approved, ExportInputKind.Pdf)))!;
        Assert.Equal("pdf", (string?)export["input"]!["kind"]);
        Assert.Equal(approved.Header!.KeyId.ToString(), (string?)export["key"]!["value"]);
        Assert.Null(export["keyBinding"]);
        Assert.NotNull(export["content"]);
        var rejected = JsonNode.Parse(VerificationExportV2.ToJson(VerificationRecord.FromQr(rejectedLate)))!;
        Assert.Equal("treatment-date", (string?)rejected["reason"]!["step"]);
        Assert.Null(rejected["content"]);

        // Schema 1.0 stays what QR exports are: a version 2 export is not a version 1 one.
        Assert.False(IsValid(Export, VerificationExportV2.ToJson(VerificationRecord.FromQr(approved))));
    }

    [Fact]
    public void A_PDF_with_two_QR_codes_gives_one_JSON_object_listing_both_exports()
    {
        using var scenario = Scenario.Es256();
        var codes = new[] { scenario.IssueValid().QrText, scenario.ForgeQr(Scenario.ValidPayload().ToJsonString().Replace("Peeters", "Janssens", StringComparison.Ordinal)) };
        var folder = Directory.CreateTempSubdirectory("credentials-two-codes-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "two.pdf");
            File.WriteAllBytes(pdf, Credentials.Tests.Scanning.ForeignPdf.WithImages([.. codes.Select(code => ImageTools.ToPng(ImageTools.DecodePng(Credentials.Printing.QrCodeWriter.ToPng(code, 3))))]));
            var registry = Path.Combine(folder, "registry.json");
            File.WriteAllText(registry, ResolverListFormat.WriteToString([scenario.Demo.Issuer]));

            var result = Cli.CliRunner.RunAt(scenario.Clock, "verify", pdf, "--registry", registry, "--offline", "--treatment-date", "2026-06-15", "--format", "json");

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.True(IsValid(ExportList, result.Out), result.Out);
            var list = JsonNode.Parse(result.Out)!;
            Assert.Equal(2, (int)list["count"]!);
            Assert.All(list["verifications"]!.AsArray(), export => Assert.Equal("Approved", (string?)export!["conclusion"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_export_schema_refuses_a_rejection_that_carries_the_payload()
    {
        using var scenario = Scenario.Es256();
        var json = JsonNode.Parse(VerificationExport.ToJson(scenario.Verifier().Verify(scenario.IssueValid().QrText, Scenario.Today)))!;
        json["conclusion"] = "Rejected";
        Assert.False(IsValid(Export, json.ToJsonString()));
    }

    [Fact]
    public void Every_published_vector_payload_follows_the_payload_schema()
    {
        foreach (var vector in new[] { "ec-prc-john-doe", "prc-es256", "prc-rs256" })
        {
            using var jws = Credentials.WireFormat.JwsCompact.Parse(Repository.ReadText(Repository.Vectors(vector, "token.jwt")).Trim());
            Assert.True(IsValid(Payload, System.Text.Encoding.UTF8.GetString(jws.PayloadBytes)), vector);
        }
    }

    public static TheoryData<string, string?> SchemaBreaksTheSchemaAlsoRefuses()
    {
        var data = new TheoryData<string, string?>();
        foreach (var row in VerifierStepTests.SchemaBreaks)
        {
            var (member, value) = ((string)row[0], (string?)row[1]);
            // The published regex for dob admits 29 February of any year and 31 April; our reader also checks the
            // calendar. Both are documented in specs/eprc-token.md.
            if (member == "prc.dob" && value == "1981-02-29")
            {
                continue;
            }

            data.Add(member, value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaBreaksTheSchemaAlsoRefuses))]
    public void The_payload_schema_refuses_what_the_verifier_refuses(string member, string? value)
    {
        var payload = Scenario.ValidPayload();
        Assert.True(IsValid(Payload, payload.ToJsonString()));
        PayloadEdit.Set(payload, member, value);

        Assert.False(IsValid(Payload, payload.ToJsonString()), $"{member} = {value}");
    }

    [Fact]
    public void The_sample_and_vector_registries_follow_the_registry_schema_and_load()
    {
        foreach (var path in new[] { Repository.Samples("registry.json"), Repository.Vectors("ec-prc-john-doe", "registry.json"), Repository.Vectors("prc-es256", "registry.json") })
        {
            Assert.True(IsValid(Registry, File.ReadAllText(path)), path);
            Assert.NotEmpty(ResolverListFormat.Load(path).Issuers);
        }
    }

    [Fact]
    public void The_sample_eEHIC_as_issued_follows_the_provisional_eEHIC_schema_and_not_the_PRC_one()
    {
        using var scenario = Scenario.Es256();
        var request = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "ehic.json")))!;
        request["ehic"]!["di"] = "2026-06-15";
        var issued = scenario.Issuer.Issue(System.Text.Encoding.UTF8.GetBytes(request.ToJsonString())).Document!;
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(issued.Token.Split('.')[1]));
        Assert.True(IsValid(EhicPayload, payload), payload);
        Assert.False(IsValid(Payload, payload));

        var withPeriod = JsonNode.Parse(payload)!;
        withPeriod["ehic"]!["sd"] = "2026-01-01";
        Assert.False(IsValid(EhicPayload, withPeriod.ToJsonString()));
    }

    [Fact]
    public void The_sample_ISI_plus_as_issued_follows_the_ISI_plus_schema()
    {
        using var scenario = Scenario.Es256();
        var issued = scenario.Issuer.Issue(File.ReadAllBytes(Repository.Samples("requests", "isi.json"))).Document!;
        var payload = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(issued.Token.Split('.')[1]));
        Assert.True(IsValid(IsiPayload, payload), payload);
        Assert.False(IsValid(Payload, payload));
        Assert.False(IsValid(EhicPayload, payload));
    }
}
