using Microsoft.Data.Sqlite;

namespace Credentials.Storage.StatusLists;

/// <summary>
/// The status lists' tables and their migrations. The issuer's state database holds several components; each keeps
/// its own applied version as a row of <c>schema_versions</c> (<see cref="ComponentSchema"/>), so a later component adds
/// its own migrations without touching these. Migrations only ever append: a new step goes at the end of <see cref="Migrations"/>.
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
    public static void Migrate(SqliteConnection connection, DateTimeOffset now) => ComponentSchema.Migrate(connection, Component, Migrations, now);
}
