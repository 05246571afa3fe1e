using System.Text;
using System.Text.Json.Nodes;
using Credentials.Printing;
using Credentials.Documents;
using Credentials.Scanning;
using Credentials.Model;
using Credentials.Tests.Cli;
using Credentials.Tests.Support;
using Credentials.Verification;

namespace Credentials.Tests.Printing;

/// <summary>Belgium's ISI+ card, our profile (specs/isi-token.md): national number checked, validity by the rule, card printed and verified.</summary>
public sealed class IsiPlusTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    private static JsonObject Request() => JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "isi.json")))!.AsObject();

    private Credentials.Issuance.IssuanceResult Issue(JsonObject request) => scenario.Issuer.Issue(Encoding.UTF8.GetBytes(request.ToJsonString()));

    [Fact]
    public void A_child_s_card_is_valid_until_the_end_of_the_year_it_turns_12_and_carries_the_national_number()
    {
        var result = Issue(Request());
        Assert.True(result.Succeeded, string.Join("; ", result.Findings));
        var payload = result.Document!.Payload;
        var card = Assert.IsType<IsiPlusCard>(payload.Document);
        Assert.Equal((Scenario.Today, new DateOnly(2027, 12, 31)), (card.IssuedOn, card.ValidUntil));
        Assert.Equal("15031501101", card.NationalNumber.Digits);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(result.Document.Token.Split('.')[1])))!;
        Assert.Equal(Credentials.WireFormat.QrTokenPayload.IsiPlusSchemaId, (string?)json["sid"]);
        Assert.Equal("15031501101", (string?)json["isi"]!["nn"]);
        Assert.Equal("2027-12-31", (string?)json["isi"]!["xd"]);
        Assert.Null(json["isi"]!["hi"]);
    }

    [Theory]
    [InlineData("nn", "15031501102", FindingCode.NationalNumberInvalid, "/isi/nn")]
    [InlineData("nn", "15.03.15-011.01", FindingCode.NationalNumberInvalid, "/isi/nn")]
    [InlineData("dob", "2015-03-16", FindingCode.NationalNumberInvalid, "/isi/dob")]
    [InlineData("ic", "NL", FindingCode.SchemaViolation, "/isi/ic")]
    [InlineData("xd", "2037-01-01", FindingCode.ValidityTooLong, "/isi/xd")]
    [InlineData("ci", "01200000000000012345", FindingCode.SchemaViolation, "/isi/ci")]
    [InlineData("hi", "15031501101", FindingCode.SchemaViolation, "/isi/hi")]
    public void A_request_that_breaks_an_ISI_plus_rule_is_refused_naming_it(string field, string value, FindingCode code, string path)
    {
        var request = Request();
        request["isi"]![field] = value;
        var result = Issue(request);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, f => f.Code == code && f.Path == path);
    }

    [Fact]
    public void A_signed_ISI_plus_must_state_its_validity()
    {
        var payload = JsonNode.Parse(Request().ToJsonString())!;
        payload["sid"] = Credentials.WireFormat.QrTokenPayload.IsiPlusSchemaId;
        payload["isi"]!["di"] = "2026-06-15";
        var report = scenario.Verifier().Verify(scenario.ForgeQr(payload), Scenario.Today);
        Assert.False(report.IsApproved);
        Assert.Equal(VerificationStep.Validate, report.FailedStep!.Step);

        payload["isi"]!["xd"] = "2027-12-31";
        ReportAssert.Approved(scenario.Verifier().Verify(scenario.ForgeQr(payload), Scenario.Today));
    }

    public static TheoryData<string> Languages => [.. DocumentLabels.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_card_prints_at_ID_1_size_in_every_language_and_its_QR_verifies(string language)
    {
        var issued = Issue(Request()).Document!;
        var pdf = IsiPlusPdf.Create((IsiPlusCard)issued.Document, issued.QrText, DocumentLabels.Get(language), DateTimeOffset.UnixEpoch);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.Equal(2, document.NumberOfPages);
            Assert.Equal(85.6, document.GetPage(1).Width * 25.4 / 72, 1);
        }

        var text = PdfTools.Text(pdf);
        foreach (var value in new[] { DocumentLabels.Get(language).Isi.Title.Split(' ')[0], "15.03.15-011.01", "Maes", "Lucas", "15/03/2015", "0120 - CM", "31/12/2027" })
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }

        var report = scenario.Verifier().Verify(PdfQrReader.ReadAll(pdf)[0], Scenario.Today);
        ReportAssert.Approved(report);
        Assert.True(report.Document is IsiPlusCard);
    }

    [Fact]
    public void The_command_line_issues_the_card_and_verifies_it_from_the_PDF()
    {
        var folder = Directory.CreateTempSubdirectory("credentials-isi-").FullName;
        try
        {
            var issued = CliRunner.Run("issue", "isi", "--request", Repository.Samples("requests", "isi.json"), "--key", Repository.Samples("keys", "es256.key.pem"),
                "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-pdf", Path.Combine(folder, "isi.pdf"), "--lang", "nl");
            Assert.Equal(0, issued.ExitCode);
            Assert.Contains("Issued an ISI+", issued.Error, StringComparison.Ordinal);
            var verified = CliRunner.Run("verify", Path.Combine(folder, "isi.pdf"), "--registry", Repository.Samples("registry.json"), "--offline");
            Assert.Equal(0, verified.ExitCode);
            Assert.Contains("ISI+ verification: APPROVED", verified.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => scenario.Dispose();
}
