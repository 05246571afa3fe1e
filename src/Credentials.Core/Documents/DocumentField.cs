namespace Credentials.Documents;

/// <summary>
/// The fields of our documents, by what they are (Decision S2's numbering in brackets). A rule names the field it
/// concerns; each wire format and form maps a field to its own name (the QR token's <c>/prc/fn</c>, a form's input).
/// </summary>
public enum DocumentField
{
    /// <summary>S2 field 2: the issuing state.</summary>
    IssuingCountry,

    /// <summary>S2 field 3.</summary>
    FamilyName,

    /// <summary>S2 field 4.</summary>
    GivenNames,

    /// <summary>S2 field 5.</summary>
    DateOfBirth,

    /// <summary>S2 field 6: the personal identification number, any national format.</summary>
    PersonalIdentificationNumber,

    /// <summary>The ISI+ card's Belgian national (or BIS) number.</summary>
    NationalNumber,

    /// <summary>S2 field 7, second part: the institution's acronym or name.</summary>
    InstitutionName,

    /// <summary>S2 field 7, first part: the institution's identification number.</summary>
    InstitutionId,

    /// <summary>S2 field 8: the card's number.</summary>
    CardNumber,

    /// <summary>PRC box (a): start of the entitlement.</summary>
    EntitlementStart,

    /// <summary>PRC box (b): end of the entitlement.</summary>
    EntitlementEnd,

    /// <summary>S2 field 9: the card's expiry date (for a card, the end of its validity).</summary>
    Expiry,

    /// <summary>PRC box (c), or a card's date of issue: the date of issuance, which is the date of signing.</summary>
    IssuedOn,
}
