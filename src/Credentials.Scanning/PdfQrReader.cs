using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Credentials.Scanning;

/// <summary>
/// Reads QR codes out of a PDF file itself, with no rendering (PdfPig parses the file): every image drawn on every
/// page (form XObjects and inline images included) is decoded (Flate, LZW, run-length or CCITT-compressed grey, RGB,
/// CMYK or indexed pixels, or an embedded JPEG) and searched for QR codes. Our own documents hold the QR as a
/// lossless image of one pixel per module; others' PDFs that embed a scan or a generated image are read the same
/// way. A PDF whose QR is drawn as vector graphics has no image to read: render it (or photograph it) and pass the
/// image instead.
/// </summary>
public static class PdfQrReader
{
    /// <summary>Files larger than this are refused before parsing (the same bound as an image file).</summary>
    public const long MaxFileBytes = GreyImage.MaxFileBytes;

    /// <summary>At most this many images are searched, so a hostile file cannot keep a verifier busy for hours.</summary>
    public const int MaxImages = 500;

    /// <summary>Images more than this many pixels are skipped as not a QR code (and not worth the memory).</summary>
    internal const long MaxImagePixels = 40_000_000;

    /// <summary>A page's images are enlarged to at least this many pixels a side before the search.</summary>
    private const int MinimumSide = 600;

    /// <summary>Whether a file starts like a PDF (PDF 32000-1 §7.5.2: the header is <c>%PDF-</c> and the version).</summary>
    public static bool IsPdf(ReadOnlySpan<byte> file) => file.StartsWith("%PDF-"u8);

    /// <summary>
    /// Every distinct QR text in the PDF, in page order. Throws <see cref="QrScanException"/> when the file is too
    /// large, not a readable PDF, or holds no QR code.
    /// </summary>
    public static IReadOnlyList<string> ReadAll(byte[] pdf) => ReadAll(pdf, new BoundedFilterProvider());

    /// <summary>As <see cref="ReadAll(byte[])"/>, with the stream filters given (tests set tighter bounds).</summary>
    internal static IReadOnlyList<string> ReadAll(byte[] pdf, BoundedFilterProvider filters)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (pdf.LongLength > MaxFileBytes)
        {
            throw new QrScanException(QrScanProblem.TooLarge, $"the PDF is {pdf.LongLength} bytes, more than the {MaxFileBytes} accepted.");
        }

        using var document = Open(pdf, filters);
        var texts = new List<string>();
        var images = 0;
        for (var page = 1; page <= document.NumberOfPages; page++)
        {
            foreach (var image in PageImages(document, page))
            {
                if (++images > MaxImages)
                {
                    return texts.Count > 0
                        ? texts
                        : throw new QrScanException(QrScanProblem.TooLarge, $"no QR code in the first {MaxImages} images of the PDF, and no more are searched.");
                }

                if (PdfImagePixels.ToGrey(image) is not { } grey)
                {
                    continue;
                }

                try
                {
                    texts.AddRange(QrCodeReader.ReadAll(Enlarge(grey)).Where(text => !texts.Contains(text)));
                }
                catch (QrScanException)
                {
                    // An image without a QR code (a logo, a photo): go on with the next.
                }
            }
        }

        return texts.Count > 0
            ? texts
            : throw new QrScanException(QrScanProblem.NoQrCodeFound, images == 0
                ? $"the PDF ({document.NumberOfPages} page(s)) holds no image to read a QR code from; if its QR is drawn as vector graphics, render the page to an image (e.g. pdftoppm) and verify that."
                : $"no QR code was found in the {images} image(s) of the PDF ({document.NumberOfPages} page(s)).");
    }

    private static PdfDocument Open(byte[] pdf, BoundedFilterProvider filters)
    {
        try
        {
            // Lenient parsing rebuilds a damaged cross-reference table from the objects themselves, as viewers do;
            // a missing font only costs the text, which is not read here.
            return PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, FilterProvider = filters });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new QrScanException(QrScanProblem.UnsupportedFormat, "the PDF is protected by a password: give a copy without one, or a photo of its QR code.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig reports a damaged file with exceptions of many types; their text is the library's, not for users.
            throw new QrScanException(QrScanProblem.Damaged, "the PDF cannot be read: it is damaged or incomplete.");
        }
    }

    /// <summary>A page's images; a page whose objects or content are damaged has none we can read.</summary>
    private static List<IPdfImage> PageImages(PdfDocument document, int page)
    {
        try
        {
            return [.. document.GetPage(page).GetImages().Take(MaxImages + 1)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>Nearest-neighbour enlargement with a white margin: a code of one pixel per module becomes readable.</summary>
    private static GreyImage Enlarge(GreyImage image)
    {
        var factor = Math.Max(1, (int)Math.Ceiling(MinimumSide / (double)Math.Min(image.Width, image.Height)));
        var margin = 8 * factor;
        var width = ((long)image.Width * factor) + (2 * margin);
        var height = ((long)image.Height * factor) + (2 * margin);
        if (factor == 1 || width * height > GreyImage.MaxPixels)
        {
            return image; // a thin strip would grow past any reasonable size: searched as it is
        }

        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (var y = 0; y < image.Height * factor; y++)
        {
            var source = image.Pixels.AsSpan((y / factor) * image.Width, image.Width);
            var target = pixels.AsSpan((int)(((y + margin) * width) + margin), image.Width * factor);
            for (var x = 0; x < target.Length; x++)
            {
                target[x] = source[x / factor];
            }
        }

        return new GreyImage(pixels, (int)width, (int)height);
    }
}
