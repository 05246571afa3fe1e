using Credentials.Labels;

namespace Credentials.Documents;

/// <summary>
/// The messages of the documents' rules (Decision S2, EC ePRC spec §2 "Business rules", our eEHIC and ISI+ profiles)
/// and of their text fields, as keys of the label data. Dates are the document's (yyyy-mm-dd); no name or number is
/// ever an argument.
/// </summary>
internal static class DocumentMessages
{
    public static MessageText InstitutionTextTooLong(int length, int max) => MessageText.Of("rules.institutionTextTooLong", ("length", length), ("max", max));

    public static MessageText InstitutionIdNotDigits() => MessageText.Of("rules.institutionIdNotDigits");

    public static MessageText CardNumberNotDigits() => MessageText.Of("rules.cardNumberNotDigits");

    public static MessageText BornAfterEntitlementStart() => MessageText.Of("rules.bornAfterEntitlementStart");

    public static MessageText BornAfterCardIssue() => MessageText.Of("rules.bornAfterCardIssue");

    public static MessageText EntitlementStartsAfterEnd(DateOnly start, DateOnly end) => MessageText.Of("rules.entitlementStartsAfterEnd", ("start", start), ("end", end));

    public static MessageText EntitlementStartsAfterIssue(DateOnly start, DateOnly issued) => MessageText.Of("rules.entitlementStartsAfterIssue", ("start", start), ("issued", issued));

    public static MessageText CertificateIssuedAfterEnd(DateOnly issued, DateOnly end) => MessageText.Of("rules.certificateIssuedAfterEnd", ("issued", issued), ("end", end));

    public static MessageText CardExpiresBeforeEntitlementEnds(DateOnly expiry, DateOnly end) => MessageText.Of("rules.cardExpiresBeforeEntitlementEnds", ("expiry", expiry), ("end", end));

    public static MessageText CardIssuedAfterExpiry(DateOnly issued, DateOnly expiry) => MessageText.Of("rules.cardIssuedAfterExpiry", ("issued", issued), ("expiry", expiry));

    public static MessageText CardIssuedAfterValidity(DateOnly issued, DateOnly until) => MessageText.Of("rules.cardIssuedAfterValidity", ("issued", issued), ("until", until));

    public static MessageText IsiValidityTooLong(DateOnly issued, DateOnly longest) => MessageText.Of("rules.isiValidityTooLong", ("issued", issued), ("longest", longest));

    public static MessageText IsiNotBelgian() => MessageText.Of("isi.notBelgian");

    public static MessageText IsiDateOfBirthDisagrees() => MessageText.Of("isi.dateOfBirthDisagrees");

    public static MessageText IsiUsesEhicAccreditation() => MessageText.Of("accreditation.isiUsesEhic");

    public static MessageText TextMissing(MessageText field) => MessageText.Of("text.missing", ("field", field));

    public static MessageText TextEmpty() => MessageText.Of("text.empty");

    public static MessageText TextBlank() => MessageText.Of("text.blank");

    public static MessageText TextControlCharacter() => MessageText.Of("text.control");

    public static MessageText TextTooLong(int length, int max) => MessageText.Of("value.tooLong", ("length", length), ("max", max));

    /// <summary>A text field named for messages: "the family name".</summary>
    public static MessageText Field(DocumentField field) => MessageText.Of(field switch
    {
        DocumentField.FamilyName => "field.familyName",
        DocumentField.GivenNames => "field.givenNames",
        DocumentField.PersonalIdentificationNumber => "field.personalNumber",
        DocumentField.InstitutionName => "field.institutionName",
        DocumentField.CardNumber => "field.cardNumber",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "only a document's text fields are named in messages."),
    });
}
