using Credentials.Model;

namespace Credentials.Revocation;

/// <summary>
/// The list published at a document's <c>rid</c> (EC ePRC spec §5 step 6; our format: specs/revocation-list.md):
/// the token ids an institution has revoked, when the list was issued and when the next one is due.
/// </summary>
public sealed record RevocationList(InstitutionId Issuer, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, IReadOnlyDictionary<string, DateTimeOffset> Revoked)
{
    /// <summary>Whether the token id (<c>jti</c>) is on the list; compared exactly (ordinal).</summary>
    public bool IsRevoked(string tokenId) => Revoked.ContainsKey(tokenId);

    /// <summary>A new list with one more revoked token id (unchanged when it is already there), issued at <paramref name="now"/>.</summary>
    public RevocationList WithRevoked(string tokenId, DateTimeOffset now, TimeSpan validity)
    {
        var revoked = new Dictionary<string, DateTimeOffset>(Revoked, StringComparer.Ordinal);
        revoked.TryAdd(tokenId, now);
        return this with { IssuedAt = now, NextUpdate = now + validity, Revoked = revoked };
    }
}
