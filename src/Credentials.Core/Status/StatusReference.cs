namespace Credentials.Status;

/// <summary>
/// Where a document's status is published: a closed set, one case per mechanism. The verifier's status step
/// (EC ePRC spec §5 step 6 for the QR token) hands it to an <see cref="IStatusChecker"/>.
/// </summary>
public abstract record StatusReference
{
    private protected StatusReference()
    {
    }

    /// <summary>The list's address, for messages and caching.</summary>
    public abstract Uri List { get; }
}

/// <summary>The QR token's <c>rid</c> and <c>jti</c> (EC ePRC spec §2): the token id on the revocation list at <c>rid</c> (specs/revocation-list.md).</summary>
public sealed record RevocationListEntry(Uri List, string TokenId) : StatusReference
{
    /// <inheritdoc/>
    public override Uri List { get; } = List ?? throw new ArgumentNullException(nameof(List));

    /// <summary>The token id looked up on the list.</summary>
    public string TokenId { get; } = string.IsNullOrWhiteSpace(TokenId) ? throw new ArgumentException("a token id is not blank.", nameof(TokenId)) : TokenId;
}

/// <summary>
/// A wallet credential's <c>status.status_list</c> (draft-ietf-oauth-status-list §6.1): the entry at <c>idx</c> of the
/// Token Status List at <c>uri</c>.
/// </summary>
public sealed record StatusListEntry(Uri List, long Index) : StatusReference
{
    /// <inheritdoc/>
    public override Uri List { get; } = List ?? throw new ArgumentNullException(nameof(List));

    /// <summary>The index in the list (§6.1: a non-negative integer).</summary>
    public long Index { get; } = Index < 0 ? throw new ArgumentOutOfRangeException(nameof(Index), "a status list index is not negative.") : Index;
}
