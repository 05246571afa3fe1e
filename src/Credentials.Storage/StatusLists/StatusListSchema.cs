using Credentials.Database;

namespace Credentials.Storage.StatusLists;

/// <summary>
/// The status lists' tables and their migrations, one sequence for SQLite and PostgreSQL (<see cref="SchemaMigrator"/>).
/// The issuer's state database holds several components; each keeps its own applied version as rows of
/// <c>schema_versions</c>, so a later component (issued documents, offers, nonces …) adds its own migrations without
/// touching these. Migrations only ever append: a new step goes at the end of <see cref="Migrations"/>.
/// </summary>
internal static class StatusListSchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: lists (one row per published list), entries (one row per credential, never deleted, so never reused),
        // and each list's latest publication.
        new Migration("status lists, their entries and latest publications", d => $"""
        CREATE TABLE status_lists (
            id {d.AutoKey},
            institution TEXT NOT NULL,
            number INTEGER NOT NULL,
            uri TEXT NOT NULL UNIQUE,
            bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
            capacity INTEGER NOT NULL CHECK (capacity > 0 AND capacity % 8 = 0),
            allocated INTEGER NOT NULL DEFAULT 0,
            version {d.BigInt} NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (institution, number));
        CREATE TABLE status_entries (
            list_id {d.BigInt} NOT NULL REFERENCES status_lists (id),
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
            list_id {d.BigInt} PRIMARY KEY REFERENCES status_lists (id),
            version {d.BigInt} NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            jwt TEXT NOT NULL,
            cwt {d.Bytes} NOT NULL);
        """),
    ];

    /// <summary>The status lists as a schema component; its tables in the order a copy writes them.</summary>
    public static readonly SchemaComponent Component = new(
        "status_lists",
        "status lists",
        Migrations,
        [new SchemaTable("status_lists", "id"), new SchemaTable("status_entries"), new SchemaTable("status_list_publications")]);
}
