using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.StatusLists;
using Json.Schema;

namespace Credentials.Tests.Cli;

/// <summary>
/// <c>credentials wallet verify</c> as a user runs it (the executable as a child process): a presentation issued and
/// presented by the same command line, verified against the sample registry with its status list served by a real
/// HTTP server on 127.0.0.1. Approved, rejected (tampered, another nonce or audience, revoked) and unusable input, with
/// the exit codes of <c>verify</c>; every export validated against export schema 2.0 with an independent validator.
/// The command line signs and verifies with the real clock, so the document's dates are set relative to today.
/// </summary>
public sealed class WalletVerifyCommandTests : IDisposable
{
    private const string Audience = "https://hospital.example.org";
    private const string Nonce = "7d1f0c2e-nonce";
    private static readonly JsonSchema ExportSchema = JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", "verification-export-2.0.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-wallet-verify-").FullName;
    private readonly LoopbackHttpServer server = new();

    // A day back from the UTC date, so the document is issued by "today" in any time zone the child process runs in.
    private readonly DateOnly issuedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private string Path(string name) => System.IO.Path.Combine(folder, name);

    private string Database => Path("issuer.db");

    private static string[] Key => ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    private string[] Verify(string presentation, params string[] more) =>
        ["wallet", "verify", presentation, "--registry", Repository.Samples("registry.json"), "--treatment-date", issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. more];

    [Fact]
    public void An_approved_presentation_prints_every_step_and_exports_schema_2_with_its_key_reference_and_key_binding()
    {
        var presentation = IssueAndPresent();
        var text = Run(0, Verify(presentation, "--aud", Audience, "--nonce", Nonce, "--require-key-binding", "--out", Path("export.json")));
        Assert.StartsWith("Wallet credential (urn:eudi:ehic:1) verification: APPROVED", text.Out, StringComparison.Ordinal);
        foreach (var title in new[] { "Decode the SD-JWT", "Signature and trust", "Disclosures", "Validity (technical", "Key binding", "Claims and accreditation", "Validity (document", "Treatment date within the coverage", "Status", "Conclusion" })
        {
            Assert.Contains(title, text.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("without key binding", text.Out, StringComparison.Ordinal);
        var export = Export(File.ReadAllText(Path("export.json")));
        Assert.Equal("Approved", (string?)export["conclusion"]);
        Assert.Equal("sd-jwt-vc", (string?)export["input"]!["kind"]);
        Assert.Equal("urn:eudi:ehic:1", (string?)export["input"]!["documentType"]);
        Assert.Equal("x5c", (string?)export["key"]!["header"]);
        Assert.True((bool)export["keyBinding"]!["required"]! && (bool)export["keyBinding"]!["verified"]!);
        Assert.Equal(["decode", "signature-and-trust", "disclosures", "technical-validity", "key-binding", "claims", "document-validity", "coverage", "status", "conclusion"], export["steps"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal("PASSED", (string?)export["steps"]![8]!["result"]);
        Assert.Equal("01200000012345678901", (string?)export["content"]!["document_number"]);

        // The same, in German, on standard output; and the policy allowing a presentation without key binding says so.
        var german = Export(Run(0, Verify(presentation, "--aud", Audience, "--nonce", Nonce, "--lang", "de", "--format", "json")).Out);
        Assert.Equal("de", (string?)german["lang"]);
        Assert.Equal("Schlüsselbindung", (string?)german["steps"]![4]!["title"]);
        var presented = File.ReadAllText(presentation).Trim();
        var withoutBinding = presented[..(presented.LastIndexOf('~') + 1)];
        File.WriteAllText(Path("no-kb.txt"), withoutBinding);
        var unbound = Run(0, Verify(Path("no-kb.txt")));
        Assert.Contains("the presentation came without key binding; the verifier's policy allowed it.", unbound.Out, StringComparison.Ordinal);
        var unboundExport = Export(Run(0, Verify(Path("no-kb.txt"), "--format", "json")).Out);
        Assert.False((bool)unboundExport["keyBinding"]!["presented"]!);
        Assert.NotNull(unboundExport["keyBinding"]!["message"]);
        Assert.Equal("KEY_BINDING_MISSING", (string?)Export(Run(1, Verify(Path("no-kb.txt"), "--aud", Audience, "--nonce", Nonce, "--require-key-binding", "--format", "json")).Out)["reason"]!["code"]);
    }

    [Fact]
    public void Another_nonce_or_audience_a_tampered_disclosure_and_a_revoked_credential_are_rejected_with_their_codes()
    {
        var presentation = IssueAndPresent();
        Assert.Equal("KEY_BINDING_NONCE_MISMATCH", ReasonCode(Run(1, Verify(presentation, "--aud", Audience, "--nonce", "another-nonce", "--format", "json"))));

        // Rejected before the coverage step, the header still shows the treatment date the verification was for: today by default.
        var today = DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var header = Run(1, "wallet", "verify", presentation, "--registry", Repository.Samples("registry.json"), "--aud", Audience, "--nonce", "another-nonce").Out.Split('\n')[1];
        Assert.Contains($"treatment date {today}", header, StringComparison.Ordinal);
        Assert.Equal("KEY_BINDING_AUDIENCE_MISMATCH", ReasonCode(Run(1, Verify(presentation, "--aud", "https://other.example.org", "--nonce", Nonce, "--format", "json"))));

        // One character of the disclosure changed: its digest is no longer in the credential.
        var text = File.ReadAllText(presentation).Trim();
        var parts = text.Split('~');
        parts[1] = (parts[1][0] == 'A' ? 'B' : 'A') + parts[1][1..];
        File.WriteAllText(Path("tampered.txt"), string.Join('~', parts));
        var tampered = Run(1, Verify(Path("tampered.txt"), "--aud", Audience, "--nonce", Nonce, "--format", "json"));
        Assert.Equal("Rejected", (string?)Export(tampered.Out)["conclusion"]);
        Assert.Contains(Export(tampered.Out)["reason"]!["step"]!.GetValue<string>(), new[] { "disclosures", "key-binding" });

        // Revoked on the status list the command line publishes, served on 127.0.0.1.
        string credential;
        using (var documents = Storage.Issuance.IssuedDocumentStore.Open(Database, TimeProvider.System))
        {
            credential = Assert.Single(documents.CredentialsOf(DocumentId)).CredentialId;
        }

        Run(0, "status", "revoke", "--credential", credential, "--store", Database);
        Publish();
        var revoked = Run(1, Verify(presentation, "--aud", Audience, "--nonce", Nonce));
        Assert.Contains("REJECTED", revoked.Out, StringComparison.Ordinal);
        Assert.Contains("[REVOKED]", revoked.Out, StringComparison.Ordinal);
        Assert.Equal("REVOKED", ReasonCode(Run(1, Verify(presentation, "--aud", Audience, "--nonce", Nonce, "--format", "json"))));

        // Offline, the status is not checked: N/A, and not a rejection (the policy does not require a known status).
        var offline = Export(Run(0, Verify(presentation, "--aud", Audience, "--nonce", Nonce, "--offline", "--format", "json")).Out);
        Assert.Equal("N/A", (string?)offline["steps"]![8]!["result"]);
    }

    [Fact]
    public void Unusable_input_is_one_line_with_exit_2()
    {
        AssertOneLine(Run(2, Verify(Repository.Samples("prc-es256", "token.jwt"))), "bare JWT (no '~'), not an SD-JWT");
        AssertOneLine(Run(2, Verify(Repository.Samples("prc-es256", "qr.base45.txt"))), "use `credentials verify`");
        AssertOneLine(Run(2, Verify(Path("missing.txt"))), "does not exist");
        File.WriteAllBytes(Path("large.txt"), new byte[300 * 1024]);
        AssertOneLine(Run(2, Verify(Path("large.txt"))), "more than the");
        File.WriteAllBytes(Path("binary.bin"), [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x10]);
        AssertOneLine(Run(2, Verify(Path("binary.bin"))), "binary data");
        File.WriteAllText(Path("empty.txt"), " \n");
        AssertOneLine(Run(2, Verify(Path("empty.txt"))), "the presentation is empty");
        File.WriteAllText(Path("any.txt"), "eyJ.x~");
        AssertOneLine(Run(2, Verify(Path("any.txt"), "--require-key-binding")), "--require-key-binding");
        AssertOneLine(Run(2, Verify(Path("any.txt"), "--aud", Audience)), "--aud and --nonce go together");
        var json = Run(2, Verify(Repository.Samples("prc-es256", "token.jwt"), "--format", "json"));
        Assert.Equal(2, (int)JsonNode.Parse(json.Out)!["error"]!["exitCode"]!);
    }

    [Fact]
    public void Verify_offers_export_schema_2_for_a_QR_code_and_keeps_version_1_by_default()
    {
        var v1 = JsonNode.Parse(Run(1, "verify", Repository.Samples("prc-es256", "qr.png"), "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", "1899-01-01", "--format", "json").Out)!;
        Assert.Equal("credentials:verification-export:1.0", (string?)v1["schema"]);
        foreach (var (input, kind) in new[] { (Repository.Samples("prc-es256", "qr.png"), "image"), (Repository.Samples("prc-es256", "qr.base45.txt"), "qr-text") })
        {
            var result = CliProcess.Run("verify", input, "--registry", Repository.Samples("registry.json"), "--offline", "--format", "json", "--export-version", "2");
            Assert.True(result.ExitCode is 0 or 1, result.ToString());
            var export = Export(result.Out);
            Assert.Equal(kind, (string?)export["input"]!["kind"]);
            Assert.Equal("eprc-qr-jws", (string?)export["input"]!["format"]);
            Assert.Equal("kid", (string?)export["key"]!["header"]);
            Assert.Equal("treatment-date", (string?)export["steps"]![0]!["name"]);
        }
    }

    private const string DocumentId = "5e2a7c1d-3b4f-4e6a-9c8d-1f2e3a4b5c6d";

    /// <summary>An eEHIC issued from the sample request into the issuer database with a status list entry, its list published and served, presented with the document number and key binding.</summary>
    private string IssueAndPresent()
    {
        Run(0, "status", "create", "wallet", "--base-uri", server.Url("status/").ToString(), "--store", Database);
        var request = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "ehic.json")))!;
        request["jti"] = DocumentId;
        request["ehic"]!["di"] = issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        File.WriteAllText(Path("ehic.json"), request.ToJsonString());
        Run(0, ["wallet", "issue", "ehic", "--request", Path("ehic.json"), "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", Database, "--status-list", "wallet", "--out", Path("ehic.sdjwt"), .. Key]);
        Run(0, "wallet", "present", Path("ehic.sdjwt"), "--disclose", "document_number", "--holder-key", Repository.Samples("keys", "holder.key.pem"), "--aud", Audience, "--nonce", Nonce, "--out", Path("presentation.txt"));
        Publish();
        return Path("presentation.txt");
    }

    private void Publish()
    {
        Run(0, ["status", "publish", "--store", Database, "--out-dir", Path("www"), "--all", .. Key]);
        foreach (var file in Directory.EnumerateFiles(Path("www"), "*", SearchOption.AllDirectories))
        {
            var body = File.ReadAllBytes(file);
            server.Handle("status/" + System.IO.Path.GetRelativePath(Path("www"), file).Replace('\\', '/'), _ => new LoopbackHttpServer.Reply(200, body, new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.JwtMediaType }));
        }
    }

    /// <summary>The export, checked against schema 2.0 by JsonSchema.Net.</summary>
    private static JsonNode Export(string json)
    {
        using (var document = JsonDocument.Parse(json))
        {
            var result = ExportSchema.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, json);
        }

        var export = JsonNode.Parse(json)!;
        Assert.Equal("credentials:verification-export:2.0", (string?)export["schema"]);
        return export;
    }

    private static string? ReasonCode(CliProcess.Result result) => (string?)Export(result.Out)["reason"]!["code"];

    private static void AssertOneLine(CliProcess.Result result, string expected)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 2, result.ToString());
        Assert.Contains(lines, l => l.StartsWith("credentials: ", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
    }

    private static CliProcess.Result Run(int exitCode, params string[] args)
    {
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }

    public void Dispose()
    {
        server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
