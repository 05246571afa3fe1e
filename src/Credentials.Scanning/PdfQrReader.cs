using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Credentials.Scanning;

/// <summary>
/// Reads QR codes out of a PDF file itself, with no rendering: every image on every page (and inside form
/// XObjects) is decoded (Flate-compressed grey, RGB or indexed pixels, or an embedded JPEG) and searched for
/// QR codes. Our own documents hold the QR as a lossless image of one pixel per module; others' PDFs that
/// embed a scan or a generated image are read the same way. A PDF whose QR is drawn as vector graphics has no
/// image to read: render it (or photograph it) and pass the image instead.
/// </summary>
public static class PdfQrReader
{
    /// <summary>A page's images are enlarged to at least this many pixels a side before the search.</summary>
    private const int MinimumSide = 600;

    /// <summary>Images more than this many pixels are skipped as not a QR code (and not worth the memory).</summary>
    private const long MaxImagePixels = 40_000_000;

    /// <summary>At most this many images are searched, so a hostile file cannot keep a verifier busy for hours.</summary>
    public const int MaxImages = 500;

    /// <summary>Whether a file starts like a PDF (PDF 32000-1 §7.5.2).</summary>
    public static bool IsPdf(ReadOnlySpan<byte> file) => file.StartsWith("%PDF-"u8);

    /// <summary>
    /// Every distinct QR text in the PDF, in page order. Throws <see cref="QrScanException"/> when the file is not a
    /// readable PDF or holds no QR code.
    /// </summary>
    public static IReadOnlyList<string> ReadAll(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        PdfDocument document;
        try
        {
            document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PDFsharp reports a damaged file with exceptions of many types, plain Exception among them.
            throw new QrScanException(QrScanProblem.Damaged, $"the PDF cannot be read: {e.Message}");
        }

        using (document)
        {
            var texts = new List<string>();
            var images = 0;
            for (var page = 0; page < document.PageCount; page++)
            {
                foreach (var image in PageImages(document, page))
                {
                    if (++images > MaxImages)
                    {
                        return texts.Count > 0
                            ? texts
                            : throw new QrScanException(QrScanProblem.TooLarge, $"no QR code in the first {MaxImages} images of the PDF, and no more are searched.");
                    }

                    if (ToGreyImage(image) is not { } grey)
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
                    ? $"the PDF ({document.PageCount} page(s)) holds no image to read a QR code from; if its QR is drawn as vector graphics, render the page to an image (e.g. pdftoppm) and verify that."
                    : $"no QR code was found in the {images} image(s) of the PDF ({document.PageCount} page(s)).");
        }
    }

    /// <summary>A page's images; a page whose objects are damaged has none we can read.</summary>
    private static List<PdfDictionary> PageImages(PdfDocument document, int page)
    {
        try
        {
            return [.. Images(document.Pages[page].Resources?.Elements.GetDictionary("/XObject"), depth: 0)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>The image XObjects of a resource dictionary, looking inside form XObjects (a few levels deep).</summary>
    private static IEnumerable<PdfDictionary> Images(PdfDictionary? xObjects, int depth)
    {
        if (xObjects is null || depth > 4)
        {
            yield break;
        }

        foreach (var item in xObjects.Elements.Values)
        {
            if ((item as PdfReference)?.Value is not PdfDictionary dictionary)
            {
                continue;
            }

            var subtype = dictionary.Elements.GetName("/Subtype");
            if (subtype == "/Image")
            {
                yield return dictionary;
            }
            else if (subtype == "/Form")
            {
                foreach (var inner in Images(dictionary.Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/XObject"), depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>An image XObject's pixels as grey levels, or null for a kind we do not decode.</summary>
    private static GreyImage? ToGreyImage(PdfDictionary image)
    {
        var width = image.Elements.GetInteger("/Width");
        var height = image.Elements.GetInteger("/Height");
        if (width <= 0 || height <= 0 || (long)width * height > MaxImagePixels || image.Stream is null)
        {
            return null;
        }

        var filter = image.Elements["/Filter"];
        var filterName = filter is PdfArray { Elements.Count: 1 } single ? single.Elements.GetName(0) : image.Elements.GetName("/Filter");
        if (filterName == "/DCTDecode")
        {
            try
            {
                return GreyImage.Decode(image.Stream.Value);
            }
            catch (QrScanException)
            {
                return null;
            }
        }

        return PdfImagePixels.ToGrey(image, width, height);
    }

    /// <summary>Nearest-neighbour enlargement with a white margin: a code of one pixel per module becomes readable.</summary>
    private static GreyImage Enlarge(GreyImage image)
    {
        var factor = Math.Max(1, (int)Math.Ceiling(MinimumSide / (double)Math.Min(image.Width, image.Height)));
        var margin = 8 * factor;
        if (factor == 1)
        {
            return image;
        }

        var width = (image.Width * factor) + (2 * margin);
        var height = (image.Height * factor) + (2 * margin);
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (var y = 0; y < image.Height * factor; y++)
        {
            var source = image.Pixels.AsSpan((y / factor) * image.Width, image.Width);
            var target = pixels.AsSpan(((y + margin) * width) + margin, image.Width * factor);
            for (var x = 0; x < target.Length; x++)
            {
                target[x] = source[x / factor];
            }
        }

        return new GreyImage(pixels, width, height);
    }
}
