namespace Credentials.Wallet.StatusLists;

/// <summary>Settings of <see cref="TokenStatusListChecker"/>: how much a download may take and how long a list is kept.</summary>
public sealed record TokenStatusListCheckerOptions
{
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(5);
    private readonly long maxTokenBytes = 2 * 1024 * 1024;
    private readonly int maxDecompressedBytes = StatusList.DefaultMaxDecompressedBytes;
    private readonly TimeSpan minCacheAge = TimeSpan.FromMinutes(1);
    private readonly TimeSpan maxCacheAge = TimeSpan.FromHours(12);

    /// <summary>How long one download may take before the list counts as unreachable (default 5 s).</summary>
    public TimeSpan Timeout
    {
        get => timeout;
        init => timeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), "a download timeout is positive.");
    }

    /// <summary>The largest token body accepted, in bytes (default 2 MiB; a 2^20-entry list at 1% revoked is about 14 KB).</summary>
    public long MaxTokenBytes
    {
        get => maxTokenBytes;
        init => maxTokenBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTokenBytes), "a size limit is a positive number of bytes.");
    }

    /// <summary>The most bytes a list may inflate to (default <see cref="StatusList.DefaultMaxDecompressedBytes"/>).</summary>
    public int MaxDecompressedBytes
    {
        get => maxDecompressedBytes;
        init => maxDecompressedBytes = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDecompressedBytes), "a size limit is a positive number of bytes.");
    }

    /// <summary>
    /// The shortest time a list is kept, whatever its <c>ttl</c> (default 1 minute; never past its <c>exp</c>):
    /// draft-ietf-oauth-status-list-21 §11.5 asks clients to hold ttl within reasonable bounds, so a tiny ttl cannot
    /// turn verifiers into a flood of requests on the status provider.
    /// </summary>
    public TimeSpan MinCacheAge
    {
        get => minCacheAge;
        init => minCacheAge = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MinCacheAge), "a cache age is not negative.");
    }

    /// <summary>
    /// The longest time a list is kept, whatever its <c>ttl</c> (default 12 hours), and how long a list without
    /// <c>ttl</c> is kept (never past its <c>exp</c>; §13.7).
    /// </summary>
    public TimeSpan MaxCacheAge
    {
        get => maxCacheAge;
        init => maxCacheAge = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MaxCacheAge), "a cache age is positive.");
    }
}
