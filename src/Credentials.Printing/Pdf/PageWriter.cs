using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Credentials.Printing.Pdf;

/// <summary>Writes blocks down A4 pages, starting a new page when the next block does not fit.</summary>
internal sealed class PageWriter
{
    private const double Margin = 18 * DocumentCanvas.Mm;
    private const double Width = (210 * DocumentCanvas.Mm) - (2 * Margin);
    private const double Bottom = (297 - 18) * DocumentCanvas.Mm;
    private const double LabelWidth = 55 * DocumentCanvas.Mm;

    private readonly PdfDocument document;
    private XGraphics graphics = null!;
    private double y;

    public PageWriter(PdfDocument document)
    {
        this.document = document;
        NewPage();
    }

    public void Paragraph(string text, XFont font, double height)
    {
        Room(height);
        DocumentCanvas.Wrapped(graphics, text, font, new XRect(Margin, y, Width, height));
        y += height;
    }

    /// <summary>A section heading, moved to the next page with the first <paramref name="keepWith"/> points of its section.</summary>
    public void Heading(string text, double keepWith = 0)
    {
        Room(40 + keepWith);
        y += 8;
        graphics.DrawString(text, DocumentCanvas.Heading, XBrushes.Black, new XPoint(Margin, y + 10));
        graphics.DrawLine(XPens.Gray, Margin, y + 14, Margin + Width, y + 14);
        y += 20;
    }

    public void Pair(string label, string value, XFont? font = null)
    {
        font ??= DocumentCanvas.Value;
        var height = Math.Max(14, Lines(value, font, Width - LabelWidth) * (font.Size + 2));
        Room(height);
        DocumentCanvas.Wrapped(graphics, label, DocumentCanvas.Label, new XRect(Margin, y + 2, LabelWidth - 6, height));
        DocumentCanvas.Wrapped(graphics, value, font, new XRect(Margin + LabelWidth, y, Width - LabelWidth, height));
        y += height + 2;
    }

    public void Step(string title, string result, string message)
    {
        var height = Math.Max(Lines(title, DocumentCanvas.Label, LabelWidth - 6) * 10, 14 + (Lines(message, DocumentCanvas.Small, Width - LabelWidth) * 9));
        Room(height);
        DocumentCanvas.Wrapped(graphics, title, DocumentCanvas.Label, new XRect(Margin, y + 2, LabelWidth - 6, height));
        graphics.DrawString(result, DocumentCanvas.Heading, XBrushes.Black, new XRect(Margin + LabelWidth, y, Width - LabelWidth, 12), XStringFormats.TopLeft);
        DocumentCanvas.Wrapped(graphics, message, DocumentCanvas.Small, new XRect(Margin + LabelWidth, y + 13, Width - LabelWidth, height - 13));
        y += height + 3;
    }

    public void Qr(string qrText, double side)
    {
        Room(side);
        try
        {
            DocumentCanvas.Qr(graphics, qrText, new XRect(Margin, y, side, side));
            y += side;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or QRCoder.Exceptions.DataTooLongException)
        {
            // Text no QR code can hold (it came from a damaged scan): print it instead.
            Paragraph(qrText, DocumentCanvas.Small, Math.Min(Bottom - y, 9 * Lines(qrText, DocumentCanvas.Small, Width)));
        }
    }

    public void Finish() => graphics.Dispose();

    private void Room(double height)
    {
        if (y + height > Bottom)
        {
            graphics.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    /// <summary>How many lines a text wraps to in a width (a close estimate from the average character width).</summary>
    private int Lines(string text, XFont font, double width)
    {
        var measured = graphics.MeasureString(text, font).Width;
        return Math.Max(1, (int)Math.Ceiling(measured / (width * 0.92)) + text.Count(c => c == '\n'));
    }
}
