using Credentials.Documents.Pdf;
using Credentials.Model;
using PdfSharp.Drawing;

namespace Credentials.Documents;

/// <summary>
/// The printable eEHIC: the card at its real size, ID-1 (85.6 × 54 mm, ISO/IEC 7810), on two pages: the front
/// with fields 1–9 of Decision S2 Annex 1, the back with the signed QR code (48 mm a side). Our provisional
/// profile (specs/ehic-token.md): the EC has published no EHIC schema yet.
/// </summary>
public static class EhicPdf
{
    private const double Width = 85.6 * DocumentCanvas.Mm;
    private const double Height = 54 * DocumentCanvas.Mm;
    private const double Margin = 3.5 * DocumentCanvas.Mm;
    private const double QrSide = 48 * DocumentCanvas.Mm;

    // The card's type sizes (points), made once, after DocumentCanvas has registered the embedded font.
    private static readonly XFont CardTitle = DocumentCanvas.Font(8.5);
    private static readonly XFont CountryCode = DocumentCanvas.Font(14);
    private static readonly XFont FieldLabel = DocumentCanvas.Font(4.6);
    private static readonly XFont FieldValue = DocumentCanvas.Font(7);

    public static byte[] Create(ProvisionalReplacementCertificate card, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(qrText);
        ArgumentNullException.ThrowIfNull(labels);
        using var document = DocumentCanvas.NewDocument(labels.Ehic.Title, createdAt);

        var front = document.AddPage();
        (front.Width, front.Height) = (XUnit.FromPoint(Width), XUnit.FromPoint(Height));
        using (var graphics = XGraphics.FromPdfPage(front))
        {
            DrawFront(graphics, card, labels);
        }

        var back = document.AddPage();
        (back.Width, back.Height) = (XUnit.FromPoint(Width), XUnit.FromPoint(Height));
        using (var graphics = XGraphics.FromPdfPage(back))
        {
            graphics.DrawRoundedRectangle(XPens.Gray, new XRect(0.5, 0.5, Width - 1, Height - 1), new XSize(8, 8));
            DocumentCanvas.Qr(graphics, qrText, new XRect(Margin, (Height - QrSide) / 2, QrSide, QrSide));
            DocumentCanvas.Wrapped(graphics, labels.Ehic.QrNote, FieldLabel, new XRect(Margin + QrSide + 6, Margin + 4, Width - QrSide - (2 * Margin) - 6, Height - (2 * Margin)));
        }

        return DocumentCanvas.Save(document, $"ehic|{labels.Code}|{createdAt:O}|{qrText}");
    }

    private static void DrawFront(XGraphics graphics, ProvisionalReplacementCertificate card, DocumentLabels labels)
    {
        var fields = labels.Prc;
        graphics.DrawRoundedRectangle(XPens.Gray, new XRect(0.5, 0.5, Width - 1, Height - 1), new XSize(8, 8));

        // Field 1: the card's name; field 2: the issuing state, large in the corner as on the plastic card.
        graphics.DrawString($"1  {labels.Ehic.Title}", CardTitle, XBrushes.Black, new XRect(Margin, Margin, Width - 40, 12), XStringFormats.TopLeft);
        graphics.DrawString(labels.Ehic.Provisional, FieldLabel, XBrushes.Black, new XRect(Margin, Margin + 11, Width - 40, 8), XStringFormats.TopLeft);
        graphics.DrawString(card.IssuingCountry.Code, CountryCode, XBrushes.Black, new XRect(Width - Margin - 30, Margin - 1, 30, 16), XStringFormats.TopRight);
        graphics.DrawString($"2 {labels.Ehic.IssuingState}", FieldLabel, XBrushes.Black, new XRect(Width - Margin - 60, Margin + 16, 60, 8), XStringFormats.TopRight);

        var rows = new (string Number, string Label, string Value)[]
        {
            ("3", fields.Name, card.FamilyName),
            ("4", fields.GivenNames, card.GivenNames),
            ("5", fields.DateOfBirth, DocumentCanvas.Date(card.DateOfBirth)),
            ("6", fields.PersonalNumber, card.PersonalIdentificationNumber),
            ("7", fields.Institution, $"{card.Institution.LocalId} - {card.InstitutionName}"),
            ("8", fields.Card, card.CardNumber ?? string.Empty),
            ("9", fields.Expiry, card.CardExpiry is { } expiry ? DocumentCanvas.Date(expiry) : string.Empty),
        };
        var y = Margin + 27;
        const double RowHeight = 14.2;
        foreach (var (number, label, value) in rows)
        {
            graphics.DrawString($"{number}. {label}", FieldLabel, XBrushes.Black, new XRect(Margin, y, Width - (2 * Margin), 6), XStringFormats.TopLeft);
            graphics.DrawString(value, FieldValue, XBrushes.Black, new XRect(Margin, y + 5, Width - (2 * Margin), 9), XStringFormats.TopLeft);
            y += RowHeight;
        }
    }
}
