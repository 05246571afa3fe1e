namespace Credentials.Wallet.StatusLists;

/// <summary>Settings of <see cref="StatusListIssuer"/>: the lists' shape and address, and the published tokens' lifetimes.</summary>
public sealed record StatusListIssuerOptions
{
    /// <summary>
    /// The fewest entries a list may hold: 2^17. A credential's index hides it among all its list's entries (herd
    /// privacy, draft-ietf-oauth-status-list-21 §12.1), and an unused index looks like a valid credential (§13.3).
    /// </summary>
    public const int MinimumEntriesPerList = 1 << 17;

    private readonly Uri baseAddress = null!;
    private readonly int bits = 2;
    private readonly int entriesPerList = MinimumEntriesPerList;
    private readonly TimeSpan lifetime = TimeSpan.FromHours(24);
    private readonly TimeSpan timeToLive = TimeSpan.FromHours(1);
    private readonly TimeSpan republishBefore = TimeSpan.FromHours(6);

    /// <summary>
    /// Where the lists are served, e.g. <c>https://issuer.example/status/</c>; the institution's list <c>n</c> is at
    /// <c>{base}{CC}-{localId}/{n}</c> (e.g. <c>…/status/BE-0120/1</c>).
    /// </summary>
    public required Uri BaseAddress
    {
        get => baseAddress;
        init => baseAddress = value is { IsAbsoluteUri: true } && (value.Scheme == Uri.UriSchemeHttps || value.Scheme == Uri.UriSchemeHttp) && value.AbsolutePath.EndsWith('/') && value.Query.Length == 0 && value.Fragment.Length == 0
            ? value
            : throw new ArgumentException("the status lists' base address is an absolute http(s) URI ending with '/', without query or fragment.", nameof(BaseAddress));
    }

    /// <summary>Bits per entry of new lists: 2 (valid, revoked, suspended) by default; 1 (valid, revoked) is supported.</summary>
    public int Bits
    {
        get => bits;
        init => bits = StatusList.IsAllowedBits(value) ? value : throw new ArgumentOutOfRangeException(nameof(Bits), $"a status list has 1, 2, 4 or 8 bits per entry, not {value}.");
    }

    /// <summary>Entries per new list: at least <see cref="MinimumEntriesPerList"/>, a multiple of 8.</summary>
    public int EntriesPerList
    {
        get => TestEntriesPerList ?? entriesPerList;
        init => entriesPerList = value >= MinimumEntriesPerList && value % 8 == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(EntriesPerList), $"a status list holds at least {MinimumEntriesPerList} entries (herd privacy), a multiple of 8; not {value}.");
    }

    /// <summary>How long a published token may be relied on: <c>exp</c> − <c>iat</c> (default 24 hours).</summary>
    public TimeSpan Lifetime
    {
        get => lifetime;
        init => lifetime = value >= TimeSpan.FromMinutes(1) ? value : throw new ArgumentOutOfRangeException(nameof(Lifetime), "a status list token lives at least a minute.");
    }

    /// <summary>The tokens' <c>ttl</c>: how long a verifier may cache one before asking again (default 1 hour).</summary>
    public TimeSpan TimeToLive
    {
        get => timeToLive;
        init => timeToLive = value >= TimeSpan.FromSeconds(1) ? value : throw new ArgumentOutOfRangeException(nameof(TimeToLive), "a status list's ttl is at least a second.");
    }

    /// <summary>How long before its <c>exp</c> a list is due to be published again (default 6 hours).</summary>
    public TimeSpan RepublishBefore
    {
        get => republishBefore;
        init => republishBefore = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RepublishBefore), "the re-publication margin is positive.");
    }

    /// <summary>
    /// Tests only: a list size below <see cref="MinimumEntriesPerList"/>, so that filling a list is quick. Not public:
    /// production lists cannot be made small.
    /// </summary>
    internal int? TestEntriesPerList { get; init; }

    /// <summary>Checks the settings against each other; throws <see cref="ArgumentException"/> naming the conflict.</summary>
    internal void Validate()
    {
        if (TimeToLive >= Lifetime)
        {
            throw new ArgumentException("the status list's ttl must be shorter than its lifetime (exp − iat), or a verifier's cache outlives the token.", nameof(TimeToLive));
        }

        if (RepublishBefore >= Lifetime)
        {
            throw new ArgumentException("the re-publication margin must be shorter than the token's lifetime, or every list is always due.", nameof(RepublishBefore));
        }
    }
}
