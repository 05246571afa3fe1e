using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Credentials.Storage.StatusLists;

/// <summary>
/// The status lists' tables and their migrations. The issuer's state database holds several components; each keeps
/// its own applied version as a row of <c>schema_versions</c>, so a later component (offers, nonces …) adds its own
/// migrations without touching these. Migrations only ever append: a new step goes at the end of <see cref="Migrations"/>.
/// </summary>
internal static class StatusListSchema
{
    public const string Component = "status_lists";

    private static readonly string[] Migrations =
    [
        // 1: lists (one row per published list), entries (one row per credential, never deleted, so never reused),
        // and each list's latest publication.
        """
        CREATE TABLE status_lists (
            id INTEGER PRIMARY KEY,
            institution TEXT NOT NULL,
            number INTEGER NOT NULL,
            uri TEXT NOT NULL UNIQUE,
            bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
            capacity INTEGER NOT NULL CHECK (capacity > 0 AND capacity % 8 = 0),
            allocated INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (institution, number));
        CREATE TABLE status_entries (
            list_id INTEGER NOT NULL REFERENCES status_lists (id),
            idx INTEGER NOT NULL CHECK (idx >= 0),
            institution TEXT NOT NULL,
            credential_id TEXT NOT NULL,
            status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 255),
            allocated_at TEXT NOT NULL,
            changed_at TEXT,
            PRIMARY KEY (list_id, idx),
            UNIQUE (institution, credential_id));
        CREATE INDEX status_entries_not_valid ON status_entries (list_id) WHERE status <> 0;
        CREATE TABLE status_list_publications (
            list_id INTEGER PRIMARY KEY REFERENCES status_lists (id),
            version INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            jwt TEXT NOT NULL,
            cwt BLOB NOT NULL);
        """,
    ];

    /// <summary>The version this program writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies the missing migrations in one write transaction, so two processes opening one new file apply them once.</summary>
    public static void Migrate(SqliteConnection connection, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version));");
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE component = $component;";
            select.Parameters.AddWithValue("$component", Component);
            var applied = Convert.ToInt32(select.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (applied > Migrations.Length)
            {
                throw new InvalidOperationException($"the database's status lists are at schema version {applied}, newer than this program's {Migrations.Length}: update the program.");
            }

            for (var next = applied; next < Migrations.Length; next++)
            {
                Execute(connection, transaction, Migrations[next]);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_versions (component, version, applied_at) VALUES ($component, $version, $at);";
                record.Parameters.AddWithValue("$component", Component);
                record.Parameters.AddWithValue("$version", next + 1);
                record.Parameters.AddWithValue("$at", SqliteStatusListStore.FormatInstant(now));
                record.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
