namespace Credentials.Net;

/// <summary>How much one download may take: bytes and time. Every download of untrusted data is bounded by one.</summary>
/// <param name="MaxBytes">The largest body accepted; a longer one is refused as soon as it passes the bound.</param>
/// <param name="Timeout">How long the whole download (headers and body) may take.</param>
public sealed record DownloadLimits(long MaxBytes, TimeSpan Timeout)
{
    /// <summary>The largest body accepted.</summary>
    public long MaxBytes { get; } = MaxBytes > 0 ? MaxBytes : throw new ArgumentOutOfRangeException(nameof(MaxBytes), "a download limit is a positive number of bytes.");

    /// <summary>How long the whole download may take.</summary>
    public TimeSpan Timeout { get; } = Timeout > TimeSpan.Zero ? Timeout : throw new ArgumentOutOfRangeException(nameof(Timeout), "a download timeout is positive.");
}
