using System.Text;
using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Support;

namespace Credentials.Tests.Printing;

/// <summary>The export's PDF form (EC spec §7): metadata, every step, the conclusion, the QR, the data when approved, in the issuing state's language.</summary>
public sealed class VerificationExportPdfTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    [Fact]
    public void An_approved_export_holds_the_steps_the_conclusion_the_issuer_the_data_and_a_readable_QR()
    {
        var issued = scenario.IssueValid();
        var report = scenario.Verifier().Verify(issued.QrText, Scenario.Today);
        var pdf = VerificationExportPdf.Create(report);
        var text = PdfTools.Text(pdf);
        foreach (var expected in new[] { "Approved", "PASSED", "15/06/2026", "BE:0120", "Peeters", "29/02/1980", "0120 - CM", report.Issuer!.Kid })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Equal(8, report.Steps.Count);
        Assert.Equal([issued.QrText], PdfQrReader.ReadAll(pdf));
    }

    [Fact]
    public void A_rejected_export_names_the_failed_step_and_shows_no_document_data()
    {
        var payload = Scenario.ValidPayload();
        payload["prc"]!["ed"] = "2026-06-10"; // ends before the treatment date
        payload["prc"]!["sd"] = "2026-06-01";
        payload["prc"]!["di"] = "2026-06-05";
        var report = scenario.Verifier().Verify(scenario.ForgeQr(payload), Scenario.Today);
        Assert.False(report.IsApproved);
        var text = PdfTools.Text(VerificationExportPdf.Create(report));
        Assert.Contains("Rejected", text, StringComparison.Ordinal);
        Assert.Contains("NOT PASSED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Peeters", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE", "de", "Angenommen")]
    [InlineData("AT", "de", "Angenommen")]
    [InlineData("NL", "nl", "Goedgekeurd")]
    [InlineData("FR", "fr", "Approuvé")]
    [InlineData("BE", "en", "Approved")]
    [InlineData("LU", "en", "Approved")]
    [InlineData("PL", "en", "Approved")]
    public void The_export_is_in_the_issuing_state_s_language_or_English(string country, string language, string approved)
    {
        var labels = DocumentLabels.ForIssuingState(Credentials.Model.IssuingCountry.Parse(country));
        Assert.Equal(language, labels.Code);
        Assert.Equal(approved, labels.Export.Approved);
    }

    [Fact]
    public void A_scan_that_is_not_QR_text_at_all_still_gives_an_export_with_the_text_printed()
    {
        var garbage = new string('!', 5000);
        var report = scenario.Verifier().Verify(garbage, Scenario.Today);
        var text = PdfTools.Text(VerificationExportPdf.Create(report));
        Assert.Contains("Rejected", text, StringComparison.Ordinal);
        Assert.Contains("!!!!", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_verification_at_the_same_instant_gives_the_same_bytes()
    {
        var qr = scenario.IssueValid().QrText; // an ES256 signature differs every time: issue once
        Assert.Equal(Encoding.Latin1.GetString(VerificationExportPdf.Create(scenario.Verifier().Verify(qr, Scenario.Today))),
            Encoding.Latin1.GetString(VerificationExportPdf.Create(scenario.Verifier().Verify(qr, Scenario.Today))));
    }

    public void Dispose() => scenario.Dispose();
}
