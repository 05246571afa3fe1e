namespace Credentials.Model;

/// <summary>
/// The data of a Provisional Replacement Certificate (Decision S2 Annex 2), as the `prc` object of the EC ePRC
/// token (spec §2). Instances come from <see cref="PrcPayloadReader"/>, which has checked every field rule;
/// the cross-field business rules are <see cref="PrcBusinessRules"/>.
/// </summary>
public sealed record ProvisionalReplacementCertificate
{
    // Length limits of spec §2 (code points, as JSON Schema's maxLength counts).
    public const int FamilyNameMaxLength = 40;
    public const int GivenNamesMaxLength = 35;
    public const int PersonalIdMaxLength = 20;
    public const int InstitutionNameMaxLength = 21;
    public const int CardNumberMaxLength = 20;

    /// <summary>S2 field 2 (`ic`).</summary>
    public required IssuingCountry IssuingCountry { get; init; }

    /// <summary>S2 field 3 (`fn`).</summary>
    public required string FamilyName { get; init; }

    /// <summary>S2 field 4 (`gn`).</summary>
    public required string GivenNames { get; init; }

    /// <summary>S2 field 5 (`dob`).</summary>
    public required PartialDate DateOfBirth { get; init; }

    /// <summary>S2 field 6 (`hi`): any national format, never validated as a particular country's number here.</summary>
    public required string PersonalIdentificationNumber { get; init; }

    /// <summary>S2 field 7, second part (`in`): acronym or name of the competent institution.</summary>
    public required string InstitutionName { get; init; }

    /// <summary>S2 field 7, first part (`ic` + `ii`): the authentic source.</summary>
    public required InstitutionId Institution { get; init; }

    /// <summary>S2 field 8 (`ci`): absent for a PRC issued without a card.</summary>
    public string? CardNumber { get; init; }

    /// <summary>Box (a) (`sd`): start of the entitlement.</summary>
    public required DateOnly EntitlementStart { get; init; }

    /// <summary>Box (b) (`ed`): end of the entitlement.</summary>
    public required DateOnly EntitlementEnd { get; init; }

    /// <summary>S2 field 9 (`xd`): expiry of the card, when there is one.</summary>
    public DateOnly? CardExpiry { get; init; }

    /// <summary>Box (c) (`di`): date of issuance, which is the date of signing.</summary>
    public required DateOnly IssuedOn { get; init; }
}
