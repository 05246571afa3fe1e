using System.Text;
using Credentials.Printing;
using Credentials.Issuance;
using Credentials.Scanning;
using Credentials.Tests.Support;

namespace Credentials.Tests.Printing;

/// <summary>The printable ePRC: every field as searchable text, every language, any script, and a QR our verifier reads back from the file.</summary>
public sealed class PrcPdfTests : IDisposable
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);
    private readonly Scenario scenario = Scenario.Es256();

    private IssuedQrToken Issue(string familyName = "Peeters", string givenNames = "Jan")
    {
        var payload = Scenario.ValidPayload();
        payload["prc"]!["fn"] = familyName;
        payload["prc"]!["gn"] = givenNames;
        var result = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        Assert.True(result.Succeeded, string.Join("; ", result.Findings));
        return result.Document!;
    }

    private static byte[] Pdf(IssuedQrToken issued, string language = "en") =>
        PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get(language), CreatedAt);

    [Fact]
    public void Every_field_value_is_searchable_text_with_dates_as_DD_MM_YYYY()
    {
        var text = PdfTools.Text(Pdf(Issue()));
        foreach (var value in new[] { "BE", "Peeters", "Jan", "29/02/1980", "80022912345", "0120 - CM", "01200000000000012345", "30/06/2028", "01/06/2026", "31/12/2026", "15/06/2026" })
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_QR_is_read_back_from_the_PDF_file_itself_and_verifies()
    {
        var issued = Issue();
        var texts = PdfQrReader.ReadAll(Pdf(issued));
        Assert.Equal([issued.QrText], texts);
        ReportAssert.Approved(scenario.Verifier().Verify(texts[0], Scenario.Today));
    }

    [Theory]
    [InlineData("Dupont-Müller", "Émilie Zoë")]
    [InlineData("Παπαδόπουλος", "Ελένη")]
    [InlineData("Иванова", "Мария Ёлка")]
    public void Accented_Greek_and_Cyrillic_names_print_as_text_and_round_trip_through_the_QR(string familyName, string givenNames)
    {
        var issued = Issue(familyName, givenNames);
        var pdf = Pdf(issued);
        var text = PdfTools.Text(pdf);
        Assert.Contains(familyName, text, StringComparison.Ordinal);
        Assert.Contains(givenNames.Split(' ')[0], text, StringComparison.Ordinal);
        var report = scenario.Verifier().Verify(PdfQrReader.ReadAll(pdf)[0], Scenario.Today);
        ReportAssert.Approved(report);
        Assert.Equal((familyName, givenNames), (report.Document!.Holder.FamilyName, report.Document.Holder.GivenNames));
    }

    public static TheoryData<string> Languages => [.. DocumentLabels.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_label_language_renders_its_own_labels(string language)
    {
        var labels = DocumentLabels.Get(language);
        var text = PdfTools.Text(Pdf(Issue(), language));
        foreach (var label in new[] { labels.Prc.Name, labels.Prc.GivenNames, labels.Prc.DateOfBirth, labels.Prc.Delivery, labels.Prc.Signature })
        {
            Assert.Contains(label.Split(' ')[0], text, StringComparison.Ordinal);
        }

        Assert.Contains(string.Join(" ", labels.Prc.Title.Split(' ').Take(3)), text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_four_languages_of_the_issue_are_shipped() =>
        Assert.Superset(new HashSet<string>(["en", "nl", "fr", "de"]), new HashSet<string>(DocumentLabels.Languages));

    [Fact]
    public void The_same_input_and_clock_give_the_same_bytes_and_another_clock_does_not()
    {
        var issued = Issue();
        Assert.Equal(Pdf(issued), Pdf(issued));
        Assert.NotEqual(Pdf(issued), PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), CreatedAt.AddSeconds(1)));
    }

    [Fact]
    public void Fonts_are_embedded_and_no_standard_font_is_referenced()
    {
        var raw = Encoding.Latin1.GetString(Pdf(Issue()));
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("/Helvetica", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("/Arial", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void The_QR_is_a_lossless_image_drawn_without_interpolation_and_at_least_6_square_centimetres()
    {
        var raw = Encoding.Latin1.GetString(Pdf(Issue()));
        Assert.DoesNotContain("/Interpolate true", raw, StringComparison.Ordinal); // PDF 32000-1 §8.9.5: false unless said
        Assert.DoesNotContain("/DCTDecode", raw, StringComparison.Ordinal);

        // The image's placement on the page, in points (1/72 inch), as a viewer lays it out.
        using var document = UglyToad.PdfPig.PdfDocument.Open(Pdf(Issue()));
        var image = Assert.Single(document.GetPage(1).GetImages());
        var (width, height) = (image.BoundingBox.Width * 2.54 / 72, image.BoundingBox.Height * 2.54 / 72);
        Assert.True(width * height >= 6, $"the QR is {width:0.0} × {height:0.0} cm");
        Assert.Equal(width, height, 2);
    }

    [Theory]
    [InlineData(150, 0.0)]
    [InlineData(200, 0.0)]
    [InlineData(300, 0.0)]
    [InlineData(200, 90.0)]
    [InlineData(200, 7.0)]
    [InlineData(300, -7.0)]
    public void A_scan_of_the_printed_page_decodes_and_verifies(int dpi, double degrees)
    {
        var issued = Issue("Dupont-Müller", "Émilie Zoë");
        var page = PdfTools.Render(Pdf(issued), dpi);
        var scan = ImageTools.Degrade(degrees == 0 ? page : ImageTools.Rotate(page, degrees), noise: 24, shading: 0.3, seed: dpi);
        var jpeg = ImageTools.ToJpeg(scan, quality: 70);
        var texts = QrCodeReader.ReadAll(jpeg);
        Assert.Equal([issued.QrText], texts);
        ReportAssert.Approved(scenario.Verifier().Verify(texts[0], Scenario.Today));
    }

    public void Dispose() => scenario.Dispose();
}
