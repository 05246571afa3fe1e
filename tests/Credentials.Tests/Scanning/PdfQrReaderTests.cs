using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Support;
using StbImageWriteSharp;

namespace Credentials.Tests.Scanning;

/// <summary>QR codes read out of PDFs, ours and others': embedded JPEG or PNG scans, several codes on a page and on several pages, damage and bounds.</summary>
public sealed class PdfQrReaderTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    private static byte[] JpegOf(string qrText, int quality = 85) => ImageTools.ToJpeg(ImageTools.DecodePng(QrCodeWriter.ToPng(qrText, pixelsPerModule: 4)), quality);

    [Fact]
    public void A_scanned_JPEG_QR_in_someone_else_s_PDF_is_read_and_verifies()
    {
        var issued = scenario.IssueValid();
        var texts = PdfQrReader.ReadAll(ForeignPdf.WithImages([JpegOf(issued.QrText)]));
        Assert.Equal([issued.QrText], texts);
        ReportAssert.Approved(scenario.Verifier().Verify(texts[0], Scenario.Today));
    }

    [Fact]
    public void Several_codes_on_a_page_and_on_several_pages_are_all_found_in_page_order()
    {
        var first = scenario.IssueValid().QrText;
        var second = scenario.ForgeQr(Scenario.ValidPayload().ToJsonString().Replace("Peeters", "Janssens", StringComparison.Ordinal));
        var third = scenario.ForgeQr(Scenario.ValidPayload().ToJsonString().Replace("Peeters", "Maes", StringComparison.Ordinal));
        var texts = PdfQrReader.ReadAll(ForeignPdf.WithImages([JpegOf(first), ImageTools.ToPng(ImageTools.DecodePng(QrCodeWriter.ToPng(second, 3)))], [JpegOf(third)]));
        Assert.Equal(3, texts.Count);
        Assert.Equal(new HashSet<string>([first, second]), new HashSet<string>(texts.Take(2)));
        Assert.Equal(third, texts[2]);
    }

    [Fact]
    public void A_PDF_without_images_says_there_is_no_image_to_read()
    {
        var error = Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(ForeignPdf.WithoutImages()));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
        Assert.Contains("holds no image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PDF_whose_images_hold_no_QR_code_says_how_many_images_were_searched()
    {
        var grey = new GreyImage(Enumerable.Range(0, 200 * 200).Select(i => (byte)(i % 251)).ToArray(), 200, 200);
        var error = Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(ForeignPdf.WithImages([ImageTools.ToPng(grey)])));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
        Assert.Contains("1 image(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_PDF_is_read_as_far_as_it_goes_or_refused_in_words_at_every_cut()
    {
        var issued = scenario.IssueValid();
        var pdf = PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        var read = 0;
        foreach (var length in new[] { 8, 100, pdf.Length / 3, pdf.Length / 2, pdf.Length - 200, pdf.Length - 20 })
        {
            try
            {
                // Lenient parsing rebuilds a lost cross-reference table: what it finds must be the document's code.
                Assert.Equal([issued.QrText], PdfQrReader.ReadAll(pdf[..length]));
                read++;
            }
            catch (QrScanException e)
            {
                Assert.True(e.Problem is QrScanProblem.Damaged or QrScanProblem.NoQrCodeFound, $"cut at {length}: {e.Problem}");
                Assert.DoesNotContain('\n', e.Message);
            }
        }

        Assert.True(read > 0, "a PDF cut only in its cross-reference table is still read");
    }

    [Fact]
    public void Our_own_PDF_is_read_with_every_stream_counted_by_the_inflate_bound()
    {
        var issued = scenario.IssueValid();
        var pdf = PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        var filters = new BoundedFilterProvider();
        Assert.Equal([issued.QrText], PdfQrReader.ReadAll(pdf, filters));
        // The QR image alone is its modules as RGB pixels: at least 3 bytes a module.
        using var symbol = QrCodeWriter.Encode(issued.QrText);
        var modules = symbol.Size + (2 * QrCodeWriter.QuietZoneModules);
        Assert.True(filters.DecodedBytes >= 3L * modules * modules, $"{filters.DecodedBytes} bytes inflated");
    }

    [Fact]
    public void A_stream_past_the_inflate_bound_is_skipped_not_inflated()
    {
        // With a bound below the QR image's size the image is refused before PdfPig inflates it: no code is found.
        var issued = scenario.IssueValid();
        var pdf = PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        var error = Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(pdf, new BoundedFilterProvider(maxStreamBytes: 4096)));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
    }

    [Fact]
    public void A_PDF_larger_than_the_file_bound_is_refused_before_parsing()
    {
        var pdf = new byte[PdfQrReader.MaxFileBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        Assert.Equal(QrScanProblem.TooLarge, Assert.Throws<QrScanException>(() => PdfQrReader.ReadAll(pdf)).Problem);
    }

    [Fact]
    public void A_QR_on_a_transparent_background_reads_as_on_white_paper()
    {
        // An RGBA PNG whose background is transparent black: PDFsharp stores it as black pixels with a soft mask.
        var text = scenario.IssueValid().QrText;
        var code = ImageTools.DecodePng(QrCodeWriter.ToPng(text, pixelsPerModule: 4));
        var rgba = new byte[code.Pixels.Length * 4];
        for (var i = 0; i < code.Pixels.Length; i++)
        {
            rgba[(i * 4) + 3] = code.Pixels[i] < 128 ? (byte)255 : (byte)0; // dark modules opaque, the rest transparent
        }

        using var png = new MemoryStream();
        new ImageWriter().WritePng(rgba, code.Width, code.Height, ColorComponents.RedGreenBlueAlpha, png);
        Assert.Equal([text], PdfQrReader.ReadAll(ForeignPdf.WithImages([png.ToArray()])));
    }

    public void Dispose() => scenario.Dispose();
}
