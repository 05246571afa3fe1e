using Microsoft.Data.Sqlite;

namespace Credentials.Trust.Store;

/// <summary>
/// The store's schema and its migrations, applied in order inside a transaction when a store opens. The applied
/// version is kept in <c>PRAGMA user_version</c>. Nothing is ever deleted: a certificate or accreditation that
/// leaves the resolver's list keeps its row, with <c>withdrawn_at</c> set.
/// </summary>
internal static class RegistrySchema
{
    private static readonly string[] Migrations =
    [
        // 1: issuers, certificates (shared between institutions), their links, accreditation periods, imports.
        """
        CREATE TABLE issuers (
            country TEXT NOT NULL,
            official_id TEXT NOT NULL,
            name TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (country, official_id));
        CREATE TABLE certificates (
            thumbprint TEXT PRIMARY KEY,
            der BLOB NOT NULL,
            first_seen TEXT NOT NULL);
        CREATE TABLE issuer_certificates (
            country TEXT NOT NULL,
            official_id TEXT NOT NULL,
            thumbprint TEXT NOT NULL REFERENCES certificates (thumbprint),
            valid_from TEXT NOT NULL,
            valid_until TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            withdrawn_at TEXT,
            PRIMARY KEY (country, official_id, thumbprint),
            FOREIGN KEY (country, official_id) REFERENCES issuers (country, official_id));
        CREATE INDEX issuer_certificates_by_thumbprint ON issuer_certificates (thumbprint);
        CREATE TABLE accreditations (
            country TEXT NOT NULL,
            official_id TEXT NOT NULL,
            portable_document TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT,
            first_seen TEXT NOT NULL,
            withdrawn_at TEXT,
            PRIMARY KEY (country, official_id, portable_document, valid_from),
            FOREIGN KEY (country, official_id) REFERENCES issuers (country, official_id));
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            source TEXT NOT NULL,
            issuers_added INTEGER NOT NULL,
            certificates_added INTEGER NOT NULL,
            links_added INTEGER NOT NULL,
            links_changed INTEGER NOT NULL,
            links_withdrawn INTEGER NOT NULL,
            accreditations_added INTEGER NOT NULL,
            accreditations_withdrawn INTEGER NOT NULL);
        """,

        // 2: what each resolver last answered, for conditional requests (ETag, Last-Modified).
        """
        CREATE TABLE sync_sources (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_success TEXT NOT NULL);
        """,

        // 3: the signed snapshots exported, so each gets the next sequence number.
        """
        CREATE TABLE snapshots (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var applied = Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException($"the registry database has schema version {applied}, newer than this program's {Migrations.Length}: update the program.");
        }

        for (var next = applied; next < Migrations.Length; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
