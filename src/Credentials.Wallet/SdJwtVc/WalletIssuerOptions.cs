namespace Credentials.Wallet.SdJwtVc;

/// <summary>Settings of <see cref="WalletCredentialIssuer"/>.</summary>
public sealed record WalletIssuerOptions
{
    /// <summary>
    /// The DC4EU EHIC attestation rulebook's alternative to a status list: a validity of at most 24 hours. A credential
    /// issued without a status list never lives longer.
    /// </summary>
    public static readonly TimeSpan MaxLifetimeWithoutStatus = TimeSpan.FromHours(24);

    /// <summary>The <c>iss</c> claim: the credential issuer's identifier, a URI.</summary>
    public required string Issuer
    {
        get;
        init => field = Uri.TryCreate(value, UriKind.Absolute, out _) && value.Length <= 2048
            ? value
            : throw new ArgumentException("the credential issuer's identifier (iss) is an absolute URI of at most 2048 characters.", nameof(Issuer));
    }

    /// <summary>Where an EHIC credential states the issuing state (default: as deployed wallets read it).</summary>
    public EhicSchemaVariant EhicVariant { get; init; } = EhicSchemaVariant.Deployed;

    /// <summary>Decoy digests added to each object with Disclosures (RFC 9901 §4.2.5), drawn between these bounds (default none).</summary>
    public (int Minimum, int Maximum) DecoyDigests { get; init; }

    /// <summary>The time zone whose calendar date is "today" for the document's dates (default: the clock's local zone).</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
