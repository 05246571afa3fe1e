using Credentials.Printing.Pdf;
using Credentials.Model;

namespace Credentials.Printing;

/// <summary>
/// The printable eEHIC: the card at ID-1 size, the front with fields 1–9 of Decision S2 Annex 1 (field 1 the card's
/// name, field 2 the issuing state), the back with the signed QR code. Our provisional profile
/// (specs/ehic-token.md): the EC has published no EHIC schema yet.
/// </summary>
public static class EhicPdf
{
    public static byte[] Create(ProvisionalReplacementCertificate card, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
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
                ($"3. {fields.Name}", card.FamilyName),
                ($"4. {fields.GivenNames}", card.GivenNames),
                ($"5. {fields.DateOfBirth}", DocumentCanvas.Date(card.DateOfBirth)),
                ($"6. {fields.PersonalNumber}", card.PersonalIdentificationNumber),
                ($"7. {fields.Institution}", $"{card.Institution.LocalId} - {card.InstitutionName}"),
                ($"8. {fields.Card}", card.CardNumber ?? string.Empty),
                ($"9. {fields.Expiry}", card.CardExpiry is { } expiry ? DocumentCanvas.Date(expiry) : string.Empty),
            ]);
        return CardPdf.Create(front, qrText, labels.Ehic.QrNote, createdAt, $"ehic|{labels.Code}|{createdAt:O}|{qrText}");
    }
}
