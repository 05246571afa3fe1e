using PdfSharp.Drawing;

namespace Credentials.Printing.Pdf;

/// <summary>
/// A card at its real size, ID-1 (85.6 × 54 mm, ISO/IEC 7810), on two pages: the front with a title, the issuing
/// state large in the corner and up to seven labelled rows; the back with the signed QR code, 48 mm a side.
/// </summary>
internal static class CardPdf
{
    private const double Width = 85.6 * DocumentCanvas.Mm;
    private const double Height = 54 * DocumentCanvas.Mm;
    private const double Margin = 3.5 * DocumentCanvas.Mm;
    private const double QrSide = 48 * DocumentCanvas.Mm;
    private const double RowHeight = 14.2;

    // The card's type sizes (points), made once, after DocumentCanvas has registered the embedded font.
    private static readonly XFont CardTitle = DocumentCanvas.Font(8.5);
    private static readonly XFont CountryCode = DocumentCanvas.Font(14);
    private static readonly XFont FieldLabel = DocumentCanvas.Font(4.6);
    private static readonly XFont FieldValue = DocumentCanvas.Font(7);

    public sealed record Front(string Title, string Subtitle, string Country, string CountryLabel, IReadOnlyList<(string Label, string Value)> Rows);

    public static byte[] Create(Front front, string qrText, string qrNote, DateTimeOffset createdAt, string identity)
    {
        using var document = DocumentCanvas.NewDocument(front.Title, createdAt);
        var frontPage = document.AddPage();
        (frontPage.Width, frontPage.Height) = (XUnit.FromPoint(Width), XUnit.FromPoint(Height));
        using (var graphics = XGraphics.FromPdfPage(frontPage))
        {
            DrawFront(graphics, front);
        }

        var back = document.AddPage();
        (back.Width, back.Height) = (XUnit.FromPoint(Width), XUnit.FromPoint(Height));
        using (var graphics = XGraphics.FromPdfPage(back))
        {
            graphics.DrawRoundedRectangle(XPens.Gray, new XRect(0.5, 0.5, Width - 1, Height - 1), new XSize(8, 8));
            DocumentCanvas.Qr(graphics, qrText, new XRect(Margin, (Height - QrSide) / 2, QrSide, QrSide));
            DocumentCanvas.Wrapped(graphics, qrNote, FieldLabel, new XRect(Margin + QrSide + 6, Margin + 4, Width - QrSide - (2 * Margin) - 6, Height - (2 * Margin)));
        }

        return DocumentCanvas.Save(document, identity);
    }

    private static void DrawFront(XGraphics graphics, Front front)
    {
        graphics.DrawRoundedRectangle(XPens.Gray, new XRect(0.5, 0.5, Width - 1, Height - 1), new XSize(8, 8));
        graphics.DrawString(front.Title, CardTitle, XBrushes.Black, new XRect(Margin, Margin, Width - 40, 12), XStringFormats.TopLeft);
        graphics.DrawString(front.Subtitle, FieldLabel, XBrushes.Black, new XRect(Margin, Margin + 11, Width - 40, 8), XStringFormats.TopLeft);
        graphics.DrawString(front.Country, CountryCode, XBrushes.Black, new XRect(Width - Margin - 30, Margin - 1, 30, 16), XStringFormats.TopRight);
        graphics.DrawString(front.CountryLabel, FieldLabel, XBrushes.Black, new XRect(Width - Margin - 60, Margin + 16, 60, 8), XStringFormats.TopRight);

        var y = Margin + 27;
        foreach (var (label, value) in front.Rows)
        {
            graphics.DrawString(label, FieldLabel, XBrushes.Black, new XRect(Margin, y, Width - (2 * Margin), 6), XStringFormats.TopLeft);
            graphics.DrawString(value, FieldValue, XBrushes.Black, new XRect(Margin, y + 5, Width - (2 * Margin), 9), XStringFormats.TopLeft);
            y += RowHeight;
        }
    }
}
