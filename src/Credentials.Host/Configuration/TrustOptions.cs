namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Trust</c>: the trust registry the host verifies against.</summary>
internal sealed class TrustOptions
{
    /// <summary>
    /// A registry database (followed as imports and syncs change it), a signed snapshot (with
    /// <see cref="OperatorCertificate"/>) or a resolver-shaped JSON list; a file or an http(s) address. Default:
    /// <c>registry.db</c> in the data folder when it exists, else the generated test issuer.
    /// </summary>
    public string? Registry { get; set; }

    /// <summary>With a signed snapshot: the registry operator's certificate (PEM or DER file).</summary>
    public string? OperatorCertificate { get; set; }

    /// <summary>With a signed snapshot: where the highest sequence accepted is kept (default <c>trust-state.json</c> in the data folder).</summary>
    public string? StateFile { get; set; }

    /// <summary>A signed snapshot file to publish at <c>/api/v1/snapshot</c> (read again when it changes).</summary>
    public string? Snapshot { get; set; }

    /// <summary>
    /// Whether, with no registry given and none in the data folder, the host may trust a test issuer it generates at
    /// start (a throwaway PKI, the key in memory only): so it runs on a fresh machine. Set false in production.
    /// </summary>
    public bool AllowTestIssuer { get; set; } = true;

    /// <summary>Trust data older than this resolves no key: step 4 is N/A and nothing is approved (default 7 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Trust data older than this is reported in the log as stale (default 24 hours, the EC cache limit).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the host looks at the trust data's age (default 15 minutes).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}
