namespace Credentials.Host.Accounts;

/// <summary>
/// The section <c>Credentials:Accounts</c>: who may sign in to the insurer's side of the host, and where their API
/// keys, accounts and the data-protection key ring (what makes a sign-in cookie good on every host) are kept.
/// </summary>
internal sealed class AccountOptions
{
    /// <summary>The file name of the state database in the data folder when <see cref="Store"/> names none.</summary>
    public const string DefaultStoreFile = "state.db";

    /// <summary>
    /// The state database of API keys, local accounts and the data-protection key ring: an SQLite file's path, or a PostgreSQL connection string (<c>postgres://…</c>,
    /// <c>Host=…;Database=…</c>) for several hosts sharing one state. Default: <c>state.db</c> in the data folder, the
    /// file <c>credentials apikey</c> uses by default too.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Whether local accounts (<c>credentials account create</c>) may sign in on <c>/signin</c> (default true).</summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>How long a sign-in lasts without use (default 8 hours; each request renews it).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in at the operator's OpenID provider.</summary>
    public OpenIdConnectSignInOptions OpenIdConnect { get; set; } = new();
}
