using Credentials.Database;

namespace Credentials.Storage.Issuance;

/// <summary>
/// The issued documents' tables, a component of the issuer's state database beside the status lists
/// (<see cref="IssuerStateSchema"/>, <see cref="SchemaMigrator"/>). Append-only: a document is written once as issued;
/// each wallet credential minted from it is a new row; a revocation is a new row of history. Nothing is updated or deleted.
/// </summary>
internal static class IssuedDocumentSchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: the named status list configurations credentials are allocated under, documents as issued (the QR
        // token's payload, by its jti), the wallet credentials minted from each, and each document's revocations.
        new Migration("issued documents, the wallet credentials minted from them, their revocations, status list configurations", d => $"""
        CREATE TABLE status_list_configurations (
            name TEXT PRIMARY KEY,
            base_uri TEXT NOT NULL UNIQUE,
            bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
            entries INTEGER NOT NULL CHECK (entries > 0 AND entries % 8 = 0),
            lifetime_seconds {d.BigInt} NOT NULL CHECK (lifetime_seconds > 0),
            ttl_seconds {d.BigInt} NOT NULL CHECK (ttl_seconds > 0),
            created_at TEXT NOT NULL,
            UNIQUE (bits, entries));
        CREATE TABLE issued_documents (
            jti TEXT PRIMARY KEY,
            institution TEXT NOT NULL,
            kind TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            payload {d.Bytes} NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE TABLE wallet_credentials (
            credential_id TEXT PRIMARY KEY,
            document_jti TEXT NOT NULL REFERENCES issued_documents (jti),
            vct TEXT NOT NULL,
            document_number TEXT NOT NULL,
            status_configuration TEXT REFERENCES status_list_configurations (name),
            status_uri TEXT,
            status_idx {d.BigInt},
            holder_thumbprint TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            CHECK ((status_uri IS NULL) = (status_idx IS NULL)));
        CREATE INDEX wallet_credentials_by_document ON wallet_credentials (document_jti);
        CREATE TABLE document_revocations (
            id {d.AutoKey},
            document_jti TEXT NOT NULL REFERENCES issued_documents (jti),
            revoked_at TEXT NOT NULL,
            wallet_credentials_revoked INTEGER NOT NULL);
        """),
    ];

    /// <summary>The issued documents as a schema component; its tables in the order a copy writes them.</summary>
    public static readonly SchemaComponent Component = new(
        "issued_documents",
        "issued documents",
        Migrations,
        [new SchemaTable("status_list_configurations"), new SchemaTable("issued_documents"), new SchemaTable("wallet_credentials"), new SchemaTable("document_revocations", "id")]);
}
