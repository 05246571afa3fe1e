namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Issuing</c>: where the host records what it issues and how long its signed revocation lists hold.</summary>
internal sealed class IssuingOptions
{
    /// <summary>
    /// The issuer database: an SQLite file's path (default <c>issuer.db</c> in the data folder) or a PostgreSQL
    /// connection string (<c>postgres://…</c>, <c>Host=…;Database=…</c>) for several hosts sharing one state. The issued
    /// documents, the wallet credentials minted from them, the status lists (unless <c>StatusLists:Store</c> names
    /// another), the batch jobs, the signed revocation lists and the audit trail live there.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>How long a revocation list the host signs holds before its next update (default 7 days); it is re-signed well before.</summary>
    public TimeSpan RevocationListValidity { get; set; } = TimeSpan.FromDays(7);
}
