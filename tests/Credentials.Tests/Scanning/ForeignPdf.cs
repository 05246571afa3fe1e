using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Credentials.Tests.Scanning;

/// <summary>PDFs as another tool would make them (PDFsharp as that tool): images drawn on pages, or none.</summary>
internal static class ForeignPdf
{
    /// <summary>Each page holds the given images (encoded PNG or JPEG files) side by side.</summary>
    public static byte[] WithImages(params byte[][][] pages)
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

        return Save(document);
    }

    /// <summary>One page with a black square drawn as vector graphics: no image at all.</summary>
    public static byte[] WithoutImages()
    {
        using var document = new PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawRectangle(XBrushes.Black, 100, 100, 50, 50);
        }

        return Save(document);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
