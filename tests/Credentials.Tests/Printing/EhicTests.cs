using System.Text;
using System.Text.Json.Nodes;
using Credentials.Printing;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Scanning;
using Credentials.Tests.Cli;
using Credentials.Tests.Support;
using Credentials.Verification;
using Credentials.WireFormat;

namespace Credentials.Tests.Printing;

/// <summary>The eEHIC, our provisional profile (specs/ehic-token.md): its payload, its card at ID-1 size, its QR verified.</summary>
public sealed class EhicTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    /// <summary>A valid eEHIC request: the card issued today (2026-06-15), valid to 2028-06-30.</summary>
    private static JsonObject Request() => new()
    {
        ["jti"] = "ehic-test-1",
        ["ehic"] = new JsonObject
        {
            ["ic"] = "BE", ["fn"] = "Papadopoulou", ["gn"] = "Ελένη", ["dob"] = "1980-02-29", ["hi"] = "80022912345",
            ["in"] = "CM", ["ii"] = "0120", ["ci"] = "01200000000000012345", ["xd"] = "2028-06-30",
        },
    };

    private Credentials.Issuance.IssuedQrToken Issue(JsonObject? request = null)
    {
        var result = scenario.Issuer.Issue(Encoding.UTF8.GetBytes((request ?? Request()).ToJsonString()));
        Assert.True(result.Succeeded, string.Join("; ", result.Findings));
        return result.Document!;
    }

    [Fact]
    public void An_eEHIC_is_signed_under_its_own_schema_id_with_validity_from_issue_to_expiry()
    {
        var issued = Issue();
        Assert.Equal(QrTokenPayload.EhicSchemaId, issued.Payload.SchemaId);
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(issued.Token.Split('.')[1])))!;
        Assert.Equal("credentials:ehic:0.1", (string?)payload["sid"]);
        Assert.Null(payload["prc"]);
        Assert.Null(payload["ehic"]!["sd"]);
        Assert.Equal("2026-06-15", (string?)payload["ehic"]!["di"]);
        var card = Assert.IsType<EuropeanHealthInsuranceCard>(issued.Document);
        Assert.Equal((Scenario.Today, new DateOnly(2028, 6, 30)), (card.IssuedOn, card.Expiry));
        Assert.Equal(new DateSpan(Scenario.Today, new DateOnly(2028, 6, 30)), card.Coverage);
    }

    [Theory]
    [InlineData("sd", "2026-01-01", "/ehic/sd")]
    [InlineData("ci", null, "/ehic/ci")]
    [InlineData("xd", null, "/ehic/xd")]
    public void An_eEHIC_request_with_a_PRC_field_or_without_its_card_fields_is_refused(string field, string? value, string path)
    {
        var request = Request();
        if (value is null)
        {
            request["ehic"]!.AsObject().Remove(field);
        }
        else
        {
            request["ehic"]![field] = value;
        }

        var result = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(request.ToJsonString()));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, f => f.Path == path);
    }

    [Fact]
    public void A_payload_whose_sid_names_the_other_document_is_refused()
    {
        var prcSid = Request();
        prcSid["sid"] = QrTokenPayload.PrcSchemaId;
        Assert.False(QrPayloadReader.Read(Encoding.UTF8.GetBytes(prcSid.ToJsonString()), PayloadReadMode.Request, Scenario.Today).Succeeded);

        var both = Request();
        both["prc"] = Scenario.ValidPayload()["prc"]!.DeepClone();
        Assert.False(QrPayloadReader.Read(Encoding.UTF8.GetBytes(both.ToJsonString()), PayloadReadMode.Request, Scenario.Today).Succeeded);
    }

    [Fact]
    public void The_card_is_two_ID_1_pages_with_every_field_as_text_and_a_QR_that_verifies()
    {
        var issued = Issue();
        var pdf = EhicPdf.Create((EuropeanHealthInsuranceCard)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.Equal(2, document.NumberOfPages);
            foreach (var page in document.GetPages())
            {
                Assert.Equal(85.6, page.Width * 25.4 / 72, 1);
                Assert.Equal(54.0, page.Height * 25.4 / 72, 1);
            }
        }

        var text = PdfTools.Text(pdf);
        foreach (var value in new[] { "European Health Insurance Card", "BE", "Papadopoulou", "Ελένη", "29/02/1980", "80022912345", "0120 - CM", "01200000000000012345", "30/06/2028" })
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }

        var report = scenario.Verifier().Verify(PdfQrReader.ReadAll(pdf)[0], Scenario.Today);
        ReportAssert.Approved(report);
        Assert.True(report.Document is EuropeanHealthInsuranceCard);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    public void A_scan_of_the_printed_card_decodes_and_verifies(int dpi)
    {
        var issued = Issue();
        var pdf = EhicPdf.Create((EuropeanHealthInsuranceCard)issued.Document, issued.QrText, DocumentLabels.Get("de"), DateTimeOffset.UnixEpoch);
        var back = ImageTools.Degrade(ImageTools.Rotate(PdfTools.Render(pdf, dpi, page: 2), 5), noise: 16, shading: 0.2, seed: dpi);
        Assert.Equal([issued.QrText], QrCodeReader.ReadAll(ImageTools.ToJpeg(back, 80)));
    }

    [Theory]
    [InlineData("2026-06-14")] // the day before the card was issued
    [InlineData("2028-07-01")] // the day after it expired
    public void Treatment_outside_issue_to_expiry_is_rejected_at_step_7(string treatment)
    {
        var issued = Issue();
        var report = new QrTokenVerifier(scenario.Demo.Registry, Clock.At(new DateOnly(2028, 7, 1))).Verify(issued.QrText, DateOnly.Parse(treatment, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(report.IsApproved);
        Assert.Equal(VerificationStep.TreatmentPeriod, report.FailedStep!.Step);
    }

    [Fact]
    public void The_command_line_issues_the_card_and_refuses_a_PRC_request_for_it()
    {
        var folder = Directory.CreateTempSubdirectory("credentials-ehic-").FullName;
        try
        {
            var ok = CliRunner.Run("issue", "ehic", "--request", Repository.Samples("requests", "ehic.json"), "--key", Repository.Samples("keys", "es256.key.pem"),
                "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-pdf", Path.Combine(folder, "card.pdf"));
            Assert.Equal(0, ok.ExitCode);
            Assert.Contains("Issued an eEHIC", ok.Error, StringComparison.Ordinal);
            var verified = CliRunner.Run("verify", Path.Combine(folder, "card.pdf"), "--registry", Repository.Samples("registry.json"), "--offline");
            Assert.Equal(0, verified.ExitCode);
            Assert.Contains("eEHIC verification: APPROVED", verified.Out, StringComparison.Ordinal);

            var wrong = CliRunner.Run("issue", "ehic", "--request", Repository.Samples("requests", "prc.json"), "--key", Repository.Samples("keys", "es256.key.pem"),
                "--cert", Repository.Samples("keys", "es256.cert.pem"));
            Assert.Equal(2, wrong.ExitCode);
            Assert.Contains("credentials issue prc", wrong.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose() => scenario.Dispose();
}
