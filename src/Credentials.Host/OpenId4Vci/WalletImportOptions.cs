namespace Credentials.Host.OpenId4Vci;

/// <summary>The section <c>Credentials:WalletImport</c>: wallet import over OpenID4VCI 1.0, pre-authorized code flow.</summary>
internal sealed class WalletImportOptions
{
    /// <summary>
    /// Where offers, codes, nonces and the token keys are kept: an SQLite file (default <c>wallet-offers.db</c> in the
    /// data folder) or a PostgreSQL connection string, shared by every host behind one load balancer.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The status list configuration credentials get their entry under; none: credentials live at most 24 hours.</summary>
    public string? StatusConfiguration { get; set; }

    /// <summary>How long an offer and its pre-authorized code work (default 10 minutes: a code is short-lived, OpenID4VCI 1.0 §4.1.1).</summary>
    public TimeSpan OfferLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an access token from the token endpoint works (default 5 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old the access-token signing key gets before a new one signs (default 30 days); the one before stays for
    /// validation until the tokens it signed have expired.
    /// </summary>
    public TimeSpan TokenKeyRotation { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a <c>c_nonce</c> works (default 5 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a key proof's <c>iat</c> may be (default 5 minutes; up to 60 seconds in the future are tolerated).</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a credential minted for a wallet is valid (default 24 hours, the most without a status list entry).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most proofs (so credentials) one credential request may carry (<c>batch_credential_issuance.batch_size</c>, default 10).</summary>
    public int BatchSize { get; set; } = 10;
}
