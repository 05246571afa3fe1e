using Credentials.Printing.Pdf;
using Credentials.Documents;

namespace Credentials.Printing;

/// <summary>
/// The printable ISI+ card (Belgium's social identification card; our profile, specs/isi-token.md): ID-1 size, the
/// front with the national number (printed <c>YY.MM.DD-SSS.CC</c>), name, given names, date of birth, the health
/// insurance fund and the validity; the back with the signed QR code.
/// </summary>
public static class IsiPlusPdf
{
    /// <summary>Writes the PDF of a card whose signed QR text is <paramref name="qrText"/>, in <paramref name="labels"/>' language; <paramref name="createdAt"/> is the PDF's creation date.</summary>
    public static byte[] Create(IsiPlusCard card, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(qrText);
        ArgumentNullException.ThrowIfNull(labels);
        var text = labels.Isi;
        var front = new CardPdf.Front(
            text.Title,
            text.Subtitle,
            card.IssuingCountry.Code,
            labels.Ehic.IssuingState,
            [
                (text.NationalNumber, card.NationalNumber.Printed),
                (labels.Prc.Name, card.Holder.FamilyName),
                (labels.Prc.GivenNames, card.Holder.GivenNames),
                (labels.Prc.DateOfBirth, DocumentCanvas.Date(card.Holder.DateOfBirth)),
                (text.Mutuality, $"{card.Institution.Id.LocalId} - {card.Institution.Name}"),
                (text.ValidUntil, DocumentCanvas.Date(card.ValidUntil)),
            ]);
        return CardPdf.Create(front, qrText, text.QrNote, createdAt, $"isi|{labels.Code}|{createdAt:O}|{qrText}");
    }
}
