using Credentials.Database;

namespace Credentials.Storage.Issuance;

/// <summary>
/// The issuing host's own tables (<c>credentials serve</c>), a schema component of the issuer database beside the
/// issued documents (<c>issued_documents</c>, whose rows these point to): what the host delivered for each document
/// (its QR text, so its PDF can be printed again without signing twice), suspensions, the batch jobs and their items,
/// the audit trail, and the revocation lists the hosts signed, so every host sharing the database serves the latest.
/// Kept here beside the other components so that <c>credentials store copy</c> copies them too.
/// </summary>
internal static class HostIssuingSchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: documents as the host delivered them, their suspensions, batch jobs, the audit of every write.
        new Migration("documents the host delivered, suspensions, batch jobs, the audit trail", d => $"""
        CREATE TABLE host_documents (
            jti TEXT PRIMARY KEY REFERENCES issued_documents (jti),
            institution TEXT NOT NULL,
            kind TEXT NOT NULL,
            document_number TEXT NOT NULL,
            qr_text TEXT NOT NULL,
            issued_at TEXT NOT NULL);
        CREATE INDEX host_documents_by_number ON host_documents (institution, document_number);
        CREATE TABLE host_suspensions (
            jti TEXT PRIMARY KEY REFERENCES host_documents (jti),
            suspended_at TEXT NOT NULL);
        CREATE TABLE host_batch_jobs (
            id TEXT PRIMARY KEY,
            institutions TEXT NOT NULL,
            actor TEXT NOT NULL,
            public_base TEXT NOT NULL,
            created_at TEXT NOT NULL,
            finished_at TEXT);
        CREATE TABLE host_batch_items (
            job_id TEXT NOT NULL REFERENCES host_batch_jobs (id),
            line {d.BigInt} NOT NULL,
            jti TEXT,
            request {d.Bytes},
            state TEXT NOT NULL CHECK (state IN ('pending', 'issued', 'failed')),
            problems TEXT,
            PRIMARY KEY (job_id, line));
        CREATE TABLE host_audit (
            id {d.AutoKey},
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            institution TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL);
        """),

        // 2: several hosts, one state. A batch item is claimed by one host at a time until the instant given (a host
        // that stops mid-item leaves it to another once the claim lapses); the revocation list of each institution,
        // signed by whichever host changed it last, for every host to serve.
        Migration.Same("batch item claims, the signed revocation lists", """
        ALTER TABLE host_batch_items ADD COLUMN claimed_until TEXT;
        CREATE INDEX host_batch_items_pending ON host_batch_items (job_id, line) WHERE state = 'pending';
        CREATE TABLE host_revocation_lists (
            path TEXT PRIMARY KEY,
            institution TEXT NOT NULL,
            jwt TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            next_update TEXT NOT NULL);
        """),
    ];

    /// <summary>The component; its tables in the order a copy writes them.</summary>
    public static readonly SchemaComponent Component = new(
        "host_issuing",
        "documents the host delivered, batch jobs, audit, signed revocation lists",
        Migrations,
        [new SchemaTable("host_documents"), new SchemaTable("host_suspensions"), new SchemaTable("host_batch_jobs"), new SchemaTable("host_batch_items"), new SchemaTable("host_audit", "id"), new SchemaTable("host_revocation_lists")]);
}
