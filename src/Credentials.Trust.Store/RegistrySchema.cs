using Credentials.Database;

namespace Credentials.Trust.Store;

/// <summary>
/// The registry's schema as one migration sequence for SQLite and PostgreSQL (<see cref="SchemaMigrator"/>), applied
/// in order when a store opens. On SQLite the applied version is kept in the file's <c>PRAGMA user_version</c>, as it
/// always was; on PostgreSQL in <c>schema_versions</c> beside the other components. From version 4 the store is
/// append-only: an import that changes an institution appends a new revision of it (its names, certificate lines and
/// accreditation periods as the list gave them), and the registry is the latest revision of each institution; nothing
/// is updated in place or deleted. A certificate or accreditation that leaves the list is carried into the next
/// revision with <c>withdrawn_at</c> set.
/// </summary>
internal static class RegistrySchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: issuers, certificates (shared between institutions), their links, accreditation periods, imports.
        new Migration("issuers, certificates, their links, accreditation periods, imports", d => $"""
        CREATE TABLE issuers (
            country TEXT NOT NULL,
            official_id TEXT NOT NULL,
            name TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (country, official_id));
        CREATE TABLE certificates (
            thumbprint TEXT PRIMARY KEY,
            der {d.Bytes} NOT NULL,
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
            id {d.AutoKey},
            at TEXT NOT NULL,
            source TEXT NOT NULL,
            issuers_added INTEGER NOT NULL,
            certificates_added INTEGER NOT NULL,
            links_added INTEGER NOT NULL,
            links_changed INTEGER NOT NULL,
            links_withdrawn INTEGER NOT NULL,
            accreditations_added INTEGER NOT NULL,
            accreditations_withdrawn INTEGER NOT NULL);
        """),

        // 2: what each resolver last answered, for conditional requests (ETag, Last-Modified).
        new Migration("resolver validators for conditional requests", d => $"""
        CREATE TABLE sync_sources (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_success TEXT NOT NULL);
        """),

        // 3: the signed snapshots exported, so each gets the next sequence number.
        new Migration("snapshot sequence numbers", d => $"""
        CREATE TABLE snapshots (
            seq {d.AutoKey},
            at TEXT NOT NULL);
        """),

        // 4: the history kept, never rewritten. Version 3 updated a link's or a period's validity, an issuer's name and
        // a resolver's validators in place; from here every change is an appended row. The state version 3 held becomes
        // each institution's first revision, dated by the last import that changed anything; its validators become a
        // sync event ("not-modified": version 3 did not record which answer it was, and either way the list was
        // confirmed current then). An institution or certificate listed twice in conflicting ways is kept as listed
        // (entries, several lines), so a load gives the verifier what the list said (Credentials.Trust.ListedIssuers).
        // On PostgreSQL, which never held version 3 data, the copies below find nothing; rowid's place is ctid's.
        new Migration("append-only history: revisions and sync events", d => $"""
        CREATE TABLE issuer_revisions (
            id {d.AutoKey},
            import_id {d.BigInt} NOT NULL REFERENCES imports (id),
            country TEXT NOT NULL,
            official_id TEXT NOT NULL,
            listed INTEGER NOT NULL,
            FOREIGN KEY (country, official_id) REFERENCES issuers (country, official_id));
        CREATE INDEX issuer_revisions_by_institution ON issuer_revisions (country, official_id, id);
        CREATE INDEX issuer_revisions_by_import ON issuer_revisions (import_id);
        CREATE VIEW current_issuer_revisions AS
            SELECT * FROM issuer_revisions WHERE id IN (SELECT MAX(id) FROM issuer_revisions GROUP BY country, official_id);
        CREATE TABLE revision_entries (
            revision_id {d.BigInt} NOT NULL REFERENCES issuer_revisions (id),
            entry INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (revision_id, entry));
        CREATE TABLE revision_certificates (
            id {d.AutoKey},
            revision_id {d.BigInt} NOT NULL REFERENCES issuer_revisions (id),
            entry INTEGER NOT NULL,
            thumbprint TEXT NOT NULL REFERENCES certificates (thumbprint),
            valid_from TEXT,
            valid_until TEXT,
            withdrawn_at TEXT);
        CREATE INDEX revision_certificates_by_revision ON revision_certificates (revision_id);
        CREATE INDEX revision_certificates_by_thumbprint ON revision_certificates (thumbprint);
        CREATE TABLE revision_accreditations (
            id {d.AutoKey},
            revision_id {d.BigInt} NOT NULL REFERENCES issuer_revisions (id),
            entry INTEGER NOT NULL,
            portable_document TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT,
            withdrawn_at TEXT);
        CREATE INDEX revision_accreditations_by_revision ON revision_accreditations (revision_id);
        CREATE TABLE sync_events (
            id {d.AutoKey},
            at TEXT NOT NULL,
            source TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('updated', 'not-modified')),
            import_id {d.BigInt} REFERENCES imports (id),
            etag TEXT,
            last_modified TEXT);
        CREATE INDEX sync_events_by_source ON sync_events (source, id);
        ALTER TABLE imports ADD COLUMN names_changed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE imports ADD COLUMN accreditations_changed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE imports ADD COLUMN duplicates_merged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE imports ADD COLUMN ambiguous_links INTEGER NOT NULL DEFAULT 0;

        INSERT INTO issuer_revisions (import_id, country, official_id, listed)
            SELECT COALESCE(
                       (SELECT MAX(id) FROM imports WHERE issuers_added + certificates_added + links_added + links_changed + links_withdrawn + accreditations_added + accreditations_withdrawn > 0),
                       (SELECT MAX(id) FROM imports)),
                   i.country, i.official_id,
                   CASE WHEN EXISTS (SELECT 1 FROM issuer_certificates c WHERE c.country = i.country AND c.official_id = i.official_id AND c.withdrawn_at IS NULL)
                       OR EXISTS (SELECT 1 FROM accreditations a WHERE a.country = i.country AND a.official_id = i.official_id AND a.withdrawn_at IS NULL) THEN 1 ELSE 0 END
            FROM issuers i ORDER BY i.country, i.official_id;
        INSERT INTO revision_entries (revision_id, entry, name)
            SELECT r.id, 0, i.name FROM issuer_revisions r JOIN issuers i USING (country, official_id);
        INSERT INTO revision_certificates (revision_id, entry, thumbprint, valid_from, valid_until, withdrawn_at)
            SELECT r.id, 0, c.thumbprint, c.valid_from, c.valid_until, c.withdrawn_at
            FROM issuer_certificates c JOIN issuer_revisions r USING (country, official_id) ORDER BY c.{d.Choose("rowid", "ctid")};
        INSERT INTO revision_accreditations (revision_id, entry, portable_document, valid_from, valid_until, withdrawn_at)
            SELECT r.id, 0, a.portable_document, a.valid_from, a.valid_until, a.withdrawn_at
            FROM accreditations a JOIN issuer_revisions r USING (country, official_id) ORDER BY a.{d.Choose("rowid", "ctid")};
        INSERT INTO sync_events (at, source, outcome, etag, last_modified)
            SELECT last_success, url, 'not-modified', etag, last_modified FROM sync_sources ORDER BY last_success;
        DROP TABLE issuer_certificates;
        DROP TABLE accreditations;
        DROP TABLE sync_sources;
        ALTER TABLE issuers DROP COLUMN name;
        """),
    ];

    /// <summary>The registry as a schema component; its tables in the order a copy writes them.</summary>
    public static readonly SchemaComponent Component = new(
        "registry",
        "a trust registry",
        Migrations,
        [
            new SchemaTable("issuers"),
            new SchemaTable("certificates"),
            new SchemaTable("imports", "id"),
            new SchemaTable("snapshots", "seq"),
            new SchemaTable("issuer_revisions", "id"),
            new SchemaTable("revision_entries"),
            new SchemaTable("revision_certificates", "id"),
            new SchemaTable("revision_accreditations", "id"),
            new SchemaTable("sync_events", "id"),
        ])
    {
        SqliteUserVersion = true,
    };

    public static int CurrentVersion => Component.CurrentVersion;
}
