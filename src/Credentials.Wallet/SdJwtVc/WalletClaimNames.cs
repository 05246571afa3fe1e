namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The claim names of our SD-JWT VC types in one place: the registered ones (RFC 7519 §4.1, draft-ietf-oauth-sd-jwt-vc
/// §3.2.2) and the DC4EU attestation rulebooks' (the EHIC and the common block), plus the ISI+ holder block of ours.
/// </summary>
public static class WalletClaimNames
{
    /// <summary>draft-ietf-oauth-sd-jwt-vc §3.2.2.1.1: the credential type.</summary>
    public const string Vct = "vct";

    /// <summary>RFC 7519 §4.1.1: the issuer.</summary>
    public const string Issuer = "iss";

    /// <summary>RFC 7519 §4.1.2: never written by us (no username or national number in it).</summary>
    public const string Subject = "sub";

    /// <summary>RFC 7519 §4.1.6.</summary>
    public const string IssuedAt = "iat";

    /// <summary>RFC 7519 §4.1.5.</summary>
    public const string NotBefore = "nbf";

    /// <summary>RFC 7519 §4.1.4.</summary>
    public const string ExpiresAt = "exp";

    /// <summary>RFC 7519 §4.1.7: the credential's own id (each credential minted has its own).</summary>
    public const string CredentialId = "jti";

    /// <summary>RFC 7800 §3.1: the confirmation (holder key) claim.</summary>
    public const string Confirmation = "cnf";

    /// <summary>draft-ietf-oauth-status-list §6.1: the status claim, holding <c>status_list{idx, uri}</c>.</summary>
    public const string Status = "status";

    /// <summary>The status claim's Token Status List member (draft-ietf-oauth-status-list §6.1).</summary>
    public const string StatusList = "status_list";

    /// <summary>DC4EU: the holder's number at the institution (EHIC: S2 field 6; ISI+: the national number).</summary>
    public const string PersonalAdministrativeNumber = "personal_administrative_number";

    /// <summary>DC4EU: the issuing state, ISO 3166-1 alpha-2 as the EESSI codes write it.</summary>
    public const string IssuingCountry = "issuing_country";

    /// <summary>DC4EU: the institution that issued the document, <c>{id, name}</c> (and <c>country</c> in the DC4EU schema variant).</summary>
    public const string IssuingAuthority = "issuing_authority";

    /// <summary>DC4EU: the source of the data, <c>{id, name}</c>; <c>id</c> is the EESSI OfficialID (e.g. <c>BE:0120</c>).</summary>
    public const string AuthenticSource = "authentic_source";

    /// <summary>DC4EU: the document's number.</summary>
    public const string DocumentNumber = "document_number";

    /// <summary>DC4EU: the document's date of issuance.</summary>
    public const string DateOfIssuance = "date_of_issuance";

    /// <summary>DC4EU: the document's date of expiry.</summary>
    public const string DateOfExpiry = "date_of_expiry";

    /// <summary>DC4EU: the first day the entitlement covers.</summary>
    public const string StartingDate = "starting_date";

    /// <summary>DC4EU: the last day the entitlement covers.</summary>
    public const string EndingDate = "ending_date";

    /// <summary>The member <c>id</c> of <c>issuing_authority</c> and <c>authentic_source</c>.</summary>
    public const string Id = "id";

    /// <summary>The member <c>name</c> of <c>issuing_authority</c> and <c>authentic_source</c>.</summary>
    public const string Name = "name";

    /// <summary>The member <c>country</c> of <c>issuing_authority</c> in the DC4EU schema variant.</summary>
    public const string Country = "country";

    /// <summary>Ours, for the ISI+: the holder, <c>{family_name, given_name, birth_date}</c>.</summary>
    public const string HolderSubject = "subject";

    /// <summary>The holder's family name (as the PID rulebook names it).</summary>
    public const string FamilyName = "family_name";

    /// <summary>The holder's given names.</summary>
    public const string GivenName = "given_name";

    /// <summary>The holder's date of birth, <c>YYYY-MM-DD</c> with <c>00</c> for an unknown month or day (S2 field 5).</summary>
    public const string BirthDate = "birth_date";
}
