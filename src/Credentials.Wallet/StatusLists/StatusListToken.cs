namespace Credentials.Wallet.StatusLists;

/// <summary>
/// The claims of a Status List Token (draft-ietf-oauth-status-list-21 §5.1 JWT, §5.2 CWT): the list, the address it
/// is published at (<c>sub</c>), when it was issued, and how long it may be relied on (<c>exp</c>) and cached (<c>ttl</c>).
/// The signature is not part of it: see <see cref="StatusListTokenFormat"/> and <see cref="SignedStatusListToken"/>.
/// </summary>
public sealed record StatusListToken
{
    private readonly DateTimeOffset? expiresAt;
    private readonly TimeSpan? timeToLive;

    /// <summary>A token for <paramref name="list"/>, published at <paramref name="subject"/> and issued at <paramref name="issuedAt"/>.</summary>
    public StatusListToken(Uri subject, DateTimeOffset issuedAt, StatusList list)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(list);

        // §5.1 sub: "MUST specify the URI of the Status List Token", which a Referenced Token's uri names: absolute.
        Subject = subject.IsAbsoluteUri ? subject : throw new ArgumentException("a status list's subject is an absolute URI.", nameof(subject));
        IssuedAt = issuedAt;
        List = list;
    }

    /// <summary><c>sub</c> (CWT claim 2): the URI the token is published at; it equals the <c>uri</c> of the credentials it covers.</summary>
    public Uri Subject { get; }

    /// <summary><c>iat</c> (CWT claim 6): when the token was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary><c>exp</c> (CWT claim 4), RECOMMENDED: after this instant the token MUST NOT be relied on (§13.7).</summary>
    public DateTimeOffset? ExpiresAt
    {
        get => expiresAt;
        init => expiresAt = value is null || value > IssuedAt ? value : throw new ArgumentOutOfRangeException(nameof(ExpiresAt), "a status list token expires after it is issued.");
    }

    /// <summary><c>ttl</c> (CWT claim 65534), RECOMMENDED: how long, from fetching, the token may be cached (§5.1: a positive number of seconds; written in whole seconds).</summary>
    public TimeSpan? TimeToLive
    {
        get => timeToLive;
        init => timeToLive = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TimeToLive), "a status list's ttl is a positive number of seconds.");
    }

    /// <summary><c>nbf</c> (CWT claim 5), when a token carries one: RFC 7519 §4.1.5, it is not to be accepted before.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary><c>status_list</c> (CWT claim 65533): the list itself.</summary>
    public StatusList List { get; }
}
