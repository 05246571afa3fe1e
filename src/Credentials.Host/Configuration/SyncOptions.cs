namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Sync</c>: keeping the registry database in line with a resolver, on a schedule.</summary>
internal sealed class SyncOptions
{
    /// <summary>The resolver's address (its list is read from <c>{address}/api/v1/issuers</c>); none: no sync.</summary>
    public Uri? From { get; set; }

    /// <summary>The time between syncs (default 1 hour); the first runs at start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest list accepted, in bytes (default 64 MiB).</summary>
    public long MaxBytes { get; set; } = Credentials.Trust.Store.Sync.EcResolverSource.DefaultMaxBytes;
}
