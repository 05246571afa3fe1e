using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Support;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Credentials.Tests.Scanning;

/// <summary>QR codes read out of PDFs that are not ours: embedded JPEG or PNG scans, several codes on a page, several pages.</summary>
public sealed class PdfQrReaderTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    /// <summary>A PDF as another tool would make it: each page holds the given images (encoded files) side by side, plus text.</summary>
    private static byte[] ForeignPdf(params byte[][][] pages)
    {
        using var document = new PdfDocument();
        foreach (var images in pages)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            var x = 40.0;
            foreach (var file in images)
            {
                using var image = XImage.FromStream(new MemoryStream(file));
                graphics.DrawImage(image, x, 200, 220, 220);
                x += 260;
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static byte[] JpegOf(string qrText, int quality = 85) => ImageTools.ToJpeg(ImageTools.DecodePng(QrCodeWriter.ToPng(qrText, pixelsPerModule: 4)), quality);

    [Fact]
    public void A_scanned_JPEG_QR_in_someone_else_s_PDF_is_read_and_verifies()
    {
        var issued = scenario.IssueValid();
        var texts = PdfQrReader.ReadAll(ForeignPdf([JpegOf(issued.QrText)]));
        Assert.Equal([issued.QrText], texts);
        ReportAssert.Approved(scenario.Verifier().Verify(texts[0], Scenario.Today));
    }

    [Fact]
    public void Several_codes_on_a_page_and_on_several_pages_are_all_found_in_page_order()
    {
        var first = scenario.IssueValid().QrText;
        var second = scenario.ForgeQr(Scenario.ValidPayload().ToJsonString().Replace("Peeters", "Janssens", StringComparison.Ordinal));
        var third = scenario.ForgeQr(Scenario.ValidPayload().ToJsonString().Replace("Peeters", "Maes", StringComparison.Ordinal));
        var texts = PdfQrReader.ReadAll(ForeignPdf([JpegOf(first), ImageTools.ToPng(ImageTools.DecodePng(QrCodeWriter.ToPng(second, 3)))], [JpegOf(third)]));
        Assert.Equal(3, texts.Count);
        Assert.Equal(new HashSet<string>([first, second]), new HashSet<string>(texts.Take(2)));
        Assert.Equal(third, texts[2]);
    }

    [Fact]
    public void A_PDF_without_images_says_there_is_no_image_to_read()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawRectangle(XBrushes.Black, 100, 100, 50, 50);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        var error = Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(output.ToArray()));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
        Assert.Contains("holds no image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PDF_whose_images_hold_no_QR_code_says_how_many_images_were_searched()
    {
        var grey = new GreyImage(Enumerable.Range(0, 200 * 200).Select(i => (byte)(i % 251)).ToArray(), 200, 200);
        var error = Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(ForeignPdf([ImageTools.ToPng(grey)])));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
        Assert.Contains("1 image(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_PDF_is_refused_as_damaged_at_every_cut()
    {
        var pdf = PrcPdf.Create(scenario.IssueValid().Payload.Prc, scenario.IssueValid().QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        foreach (var length in new[] { 8, 100, pdf.Length / 3, pdf.Length / 2, pdf.Length - 200 })
        {
            try
            {
                var texts = PdfQrReader.ReadAll(pdf[..length]);
                Assert.All(texts, text => Assert.StartsWith("HC1", text, StringComparison.Ordinal));
            }
            catch (QrScanException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }
    }

    public void Dispose() => scenario.Dispose();
}
