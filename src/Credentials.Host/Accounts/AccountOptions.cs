namespace Credentials.Host.Accounts;

/// <summary>
/// The section <c>Credentials:Accounts</c>: who may sign in to the insurer's side of the host, and where their API
/// keys (and, for several hosts, the shared state of sign-ins) are kept.
/// </summary>
internal sealed class AccountOptions
{
    /// <summary>The file name of the state database in the data folder when <see cref="Store"/> names none.</summary>
    public const string DefaultStoreFile = "state.db";

    /// <summary>
    /// The state database of API keys: an SQLite file's path, or a PostgreSQL connection string (<c>postgres://…</c>,
    /// <c>Host=…;Database=…</c>) for several hosts sharing one state. Default: <c>state.db</c> in the data folder, the
    /// file <c>credentials apikey</c> uses by default too.
    /// </summary>
    public string? Store { get; set; }
}
