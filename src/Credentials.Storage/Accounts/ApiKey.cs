using Credentials.Model;

namespace Credentials.Storage.Accounts;

/// <summary>
/// An API key as the store keeps it, without its secret (which is never stored): who it is for, the institutions it
/// may issue and revoke for, and its lifetime.
/// </summary>
/// <param name="Id">The key's public id (16 hex digits; also inside the key's text).</param>
/// <param name="Name">What the operator called it (the integration it is for).</param>
/// <param name="Institutions">The institutions it may sign for, at least one.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working, if ever.</param>
/// <param name="RotatedAt">When its secret was last replaced, if ever.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret replaced by the last rotation still works, if it does.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record ApiKey(
    string Id,
    string Name,
    IReadOnlyList<InstitutionId> Institutions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the key works at <paramref name="now"/>: not revoked, not expired.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);

    /// <summary>The key's state at <paramref name="now"/> for people: <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public string StateAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : IsActiveAt(now) ? "active" : "expired";
}
