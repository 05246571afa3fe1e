using Credentials.Printing.Pdf;
using Credentials.Documents;
using PdfSharp.Drawing;


namespace Credentials.Printing;

/// <summary>
/// The printable ePRC: the form of Decision S2 Annex 2 on A4 (EC spec "The PDF"), one language per document,
/// dates <c>DD/MM/YYYY</c>, field 7 printed <c>ii - in</c>, and the signed QR filling the "signature and stamp of
/// the institution" box (about 80 × 80 mm, far above the 6 cm² minimum).
/// </summary>
public static class PrcPdf
{
    private const double PageWidth = 210 * DocumentCanvas.Mm;
    private const double Margin = 18 * DocumentCanvas.Mm;
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const double Row = 12 * DocumentCanvas.Mm;
    private const double QrSide = 80 * DocumentCanvas.Mm;

    /// <summary>Writes the PDF of a certificate whose signed QR text is <paramref name="qrText"/>.</summary>
    public static byte[] Create(ProvisionalReplacementCertificate prc, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(prc);
        ArgumentNullException.ThrowIfNull(qrText);
        ArgumentNullException.ThrowIfNull(labels);
        var text = labels.Prc;
        using var document = DocumentCanvas.NewDocument(text.Title, createdAt);
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, prc, qrText, text);
        }

        return DocumentCanvas.Save(document, $"prc|{labels.Code}|{createdAt:O}|{qrText}");
    }

    private static void Draw(XGraphics graphics, ProvisionalReplacementCertificate prc, string qrText, PrcLabels text)
    {
        var y = Margin;
        DocumentCanvas.Wrapped(graphics, text.Title, DocumentCanvas.Title, new XRect(Margin, y, ContentWidth, 40));
        y += 40;
        DocumentCanvas.Wrapped(graphics, text.Subtitle, DocumentCanvas.Small, new XRect(Margin, y, ContentWidth, 20));
        y += 24;

        var half = ContentWidth / 2;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, ContentWidth, Row), "1–2", text.IssuingState, prc.IssuingCountry.Code);
        y += Row + 6;

        graphics.DrawString(text.Holder, DocumentCanvas.Heading, XBrushes.Black, new XPoint(Margin, y + 10));
        y += 14;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, ContentWidth, Row), "3", text.Name, prc.Holder.FamilyName);
        y += Row;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, ContentWidth, Row), "4", text.GivenNames, prc.Holder.GivenNames);
        y += Row;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, half, Row), "5", text.DateOfBirth, DocumentCanvas.Date(prc.Holder.DateOfBirth));
        DocumentCanvas.Field(graphics, new XRect(Margin + half, y, half, Row), "6", text.PersonalNumber, prc.PersonalIdentificationNumber);
        y += Row;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, ContentWidth, Row), "7", text.Institution, $"{prc.Institution.Id.LocalId} - {prc.Institution.Name}");
        y += Row;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, half, Row), "8", text.Card, prc.CardNumber ?? text.NoCard);
        DocumentCanvas.Field(graphics, new XRect(Margin + half, y, half, Row), "9", text.Expiry, prc.CardExpiry is { } expiry ? DocumentCanvas.Date(expiry) : text.NoCard);
        y += Row + 6;

        graphics.DrawString(text.Validity, DocumentCanvas.Heading, XBrushes.Black, new XPoint(Margin, y + 10));
        y += 14;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, half, Row), "(a)", text.From, DocumentCanvas.Date(prc.EntitlementStart));
        DocumentCanvas.Field(graphics, new XRect(Margin + half, y, half, Row), "(b)", text.To, DocumentCanvas.Date(prc.EntitlementEnd));
        y += Row;
        DocumentCanvas.Field(graphics, new XRect(Margin, y, ContentWidth, Row), "(c)", text.Delivery, DocumentCanvas.Date(prc.IssuedOn));
        y += Row + 6;

        var box = new XRect(Margin, y, ContentWidth, QrSide + 24);
        graphics.DrawRectangle(XPens.Black, box);
        graphics.DrawString(text.Signature, DocumentCanvas.Label, XBrushes.Black, new XRect(box.X + 4, box.Y + 3, box.Width - 8, 10), XStringFormats.TopLeft);
        DocumentCanvas.Qr(graphics, qrText, new XRect(Margin + ((ContentWidth - QrSide) / 2), y + 16, QrSide, QrSide));
        y += box.Height + 6;
        DocumentCanvas.Wrapped(graphics, text.QrNote, DocumentCanvas.Small, new XRect(Margin, y, ContentWidth, 20));
    }
}
