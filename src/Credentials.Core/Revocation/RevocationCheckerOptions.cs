using Credentials.Net;

namespace Credentials.Revocation;

/// <summary>Settings of <see cref="RevocationListChecker"/>.</summary>
public sealed record RevocationCheckerOptions
{
    /// <summary>EC ePRC spec §5, "Offline": revocation lists are cached for at most 24 hours.</summary>
    public TimeSpan MaxCacheAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How much one download may take: 4 MiB and 5 seconds by default.</summary>
    public DownloadLimits Download { get; init; } = new(RevocationListFormat.MaxListBytes, TimeSpan.FromSeconds(5));

    /// <summary>
    /// A folder where lists are kept between runs (each verified again when read back), so the 24 hours hold across
    /// runs and an offline verifier keeps its last good list. Null: in memory only.
    /// </summary>
    public string? CacheFolder { get; init; }

    /// <summary>Never download: use a cached list younger than <see cref="MaxCacheAge"/>, else say the status was not checked.</summary>
    public bool Offline { get; init; }
}
