using Credentials.Model;

namespace Credentials.Storage.Accounts;

/// <summary>A person's local account as the store keeps it, without its password hash.</summary>
/// <param name="UserName">The name the person signs in with (lowercase).</param>
/// <param name="Institutions">The institutions the person may issue and revoke for, at least one.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="PasswordChangedAt">When its password was last set.</param>
/// <param name="DisabledAt">When it was disabled, if it was.</param>
/// <param name="LockedUntil">Until when sign-ins are refused after repeated failures, if they are.</param>
public sealed record LocalAccount(
    string UserName,
    IReadOnlyList<InstitutionId> Institutions,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LockedUntil)
{
    /// <summary>The account's state at <paramref name="now"/> for people: <c>active</c>, <c>locked</c> or <c>disabled</c>.</summary>
    public string StateAt(DateTimeOffset now) => DisabledAt is not null ? "disabled" : LockedUntil is { } until && now < until ? "locked" : "active";
}
