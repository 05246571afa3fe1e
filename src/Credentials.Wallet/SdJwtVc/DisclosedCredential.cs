using Credentials.Documents;
using Credentials.Model;
using Credentials.Status;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// What a verified wallet credential says, in the document model's own types (each part checked by the rule the
/// document's constructor applies): the institution, the numbers, the dates, and the holder where the credential
/// carries one. A presentation discloses what the holder chose, so the numbers and the ISI+ holder may be absent;
/// <see cref="Document"/> is the whole <see cref="HealthInsuranceDocument"/> when every part of it was disclosed.
/// </summary>
public sealed record DisclosedCredential
{
    /// <summary>The credential type (from <c>vct</c>).</summary>
    public required WalletCredentialType Type { get; init; }

    /// <summary><c>iss</c>, when present.</summary>
    public string? Issuer { get; init; }

    /// <summary><c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>nbf</c>, when present.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary><c>exp</c>, when present.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>jti</c>, when present.</summary>
    public string? CredentialId { get; init; }

    /// <summary><c>status.status_list</c>, when present.</summary>
    public StatusListEntry? Status { get; init; }

    /// <summary>The competent institution: <c>authentic_source</c> (which <c>issuing_authority</c> must agree with).</summary>
    public required CompetentInstitution Institution { get; init; }

    /// <summary><c>date_of_issuance</c>.</summary>
    public required DateOnly IssuedOn { get; init; }

    /// <summary><c>date_of_expiry</c>.</summary>
    public required DateOnly Expiry { get; init; }

    /// <summary><c>starting_date</c>..<c>ending_date</c>, when stated.</summary>
    public DateSpan? Coverage { get; init; }

    /// <summary><c>personal_administrative_number</c>, when disclosed (the EHIC's S2 field 6; the ISI+'s national number digits).</summary>
    public string? PersonalAdministrativeNumber { get; init; }

    /// <summary>The ISI+'s national number, when disclosed.</summary>
    public BelgianNationalNumber? NationalNumber { get; init; }

    /// <summary><c>document_number</c>, when disclosed (the EHIC's card number; the ISI+ document's id).</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The ISI+ holder's family name, when disclosed.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The ISI+ holder's given names, when disclosed.</summary>
    public string? GivenNames { get; init; }

    /// <summary>The ISI+ holder's date of birth, when disclosed.</summary>
    public PartialDate? DateOfBirth { get; init; }

    /// <summary>The whole document, when every part of it was disclosed (an ISI+ with its four holder claims); otherwise null.</summary>
    public HealthInsuranceDocument? Document { get; init; }

    /// <summary>The accreditation the institution needs (<see cref="WalletCredentialType.Accreditation"/>).</summary>
    public RequiredAccreditation Accreditation => Type.Accreditation;

    /// <summary>
    /// The EHIC as the card: the credential carries no holder (DC4EU: the holder is identified by the PID presented
    /// beside it), so the holder comes from elsewhere. Needs both numbers disclosed; the card's constructor checks every field.
    /// </summary>
    public EuropeanHealthInsuranceCard ToCard(DocumentHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (Type != WalletCredentialType.Ehic)
        {
            throw new InvalidOperationException("only an EHIC credential is a card without its holder.");
        }

        return new EuropeanHealthInsuranceCard(
            holder,
            Institution,
            PersonalAdministrativeNumber ?? throw new InvalidOperationException("personal_administrative_number was not disclosed."),
            DocumentNumber ?? throw new InvalidOperationException("document_number was not disclosed."),
            IssuedOn,
            Expiry);
    }
}
