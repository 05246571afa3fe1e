namespace Credentials.Host.Configuration;

/// <summary>
/// The settings of <c>credentials serve</c>, the configuration section <c>Credentials</c>: from the embedded
/// <c>appsettings.json</c>, an operator's file (<c>--config</c>), environment variables (<c>CREDENTIALS__…</c>, e.g.
/// <c>CREDENTIALS__PUBLICBASEURL</c>) and the command line (<c>--set Credentials:Key=value</c>), later ones winning.
/// Checked as a whole at start (<see cref="ServeOptionsValidator"/>): a bad value stops the start with one line.
/// </summary>
internal sealed class ServeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Credentials";

    /// <summary>
    /// The address people and programs reach this host at (behind a proxy: the proxy's). It is where the host says
    /// to browse, and the base of the status lists' addresses. Default: the first address it listens on.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The folder of the host's files: the registry, the status lists, the published lists, the data-protection keys.</summary>
    public string DataFolder { get; set; } = string.Empty;

    /// <summary>How log lines are written: <c>text</c> (one line each) or <c>json</c> (one JSON object each, for a log collector).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>Where trust comes from.</summary>
    public TrustOptions Trust { get; set; } = new();

    /// <summary>The scheduled registry sync.</summary>
    public SyncOptions Sync { get; set; } = new();

    /// <summary>How documents are verified.</summary>
    public VerifierSettings Verifier { get; set; } = new();

    /// <summary>The revocation lists served (files signed by <c>credentials revoke</c>) and how the verifier checks them.</summary>
    public RevocationOptions Revocation { get; set; } = new();

    /// <summary>The token status lists served.</summary>
    public StatusListOptions StatusLists { get; set; } = new();

    /// <summary>The signing keys per institution the host issues with.</summary>
    public SigningOptions Signing { get; set; } = new();

    /// <summary>Issuing: the issuer database, the revocation lists the host signs.</summary>
    public IssuingOptions Issuing { get; set; } = new();

    /// <summary>Per-client rate limits on the public endpoints.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Running behind a reverse proxy.</summary>
    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>Request sizes and held results.</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>API keys and sign-in.</summary>
    public Accounts.AccountOptions Accounts { get; set; } = new();

    /// <summary>The data-protection key ring's encryption at rest.</summary>
    public KeyRingOptions DataProtection { get; set; } = new();

    /// <summary>Wallet import over OpenID4VCI 1.0 (pre-authorized code flow).</summary>
    public OpenId4Vci.WalletImportOptions WalletImport { get; set; } = new();
}
