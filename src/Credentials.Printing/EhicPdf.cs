using Credentials.Printing.Pdf;
using Credentials.Documents;

namespace Credentials.Printing;

/// <summary>
/// The printable eEHIC: the card at ID-1 size, the front with fields 1–9 of Decision S2 Annex 1 (field 1 the card's
/// name, field 2 the issuing state), the back with the signed QR code. Our provisional profile
/// (specs/ehic-token.md): the EC has published no EHIC schema yet.
/// </summary>
public static class EhicPdf
{
    /// <summary>Writes the PDF of a card whose signed QR text is <paramref name="qrText"/>, in <paramref name="labels"/>' language; <paramref name="createdAt"/> is the PDF's creation date.</summary>
    public static byte[] Create(EuropeanHealthInsuranceCard card, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(qrText);
        ArgumentNullException.ThrowIfNull(labels);
        var fields = labels.Prc;
        var front = new CardPdf.Front(
            $"1  {labels.Ehic.Title}",
            labels.Ehic.Provisional,
            card.IssuingCountry.Code,
            $"2 {labels.Ehic.IssuingState}",
            [
                ($"3. {fields.Name}", card.Holder.FamilyName),
                ($"4. {fields.GivenNames}", card.Holder.GivenNames),
                ($"5. {fields.DateOfBirth}", DocumentCanvas.Date(card.Holder.DateOfBirth)),
                ($"6. {fields.PersonalNumber}", card.PersonalIdentificationNumber),
                ($"7. {fields.Institution}", $"{card.Institution.Id.LocalId} - {card.Institution.Name}"),
                ($"8. {fields.Card}", card.CardNumber),
                ($"9. {fields.Expiry}", DocumentCanvas.Date(card.Expiry)),
            ]);
        return CardPdf.Create(front, qrText, labels.Ehic.QrNote, createdAt, $"ehic|{labels.Code}|{createdAt:O}|{qrText}");
    }
}
