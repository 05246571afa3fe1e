namespace Credentials.Storage.Issuance;

/// <summary>
/// The issued documents' tables, beside the status lists' in the issuer's state database (<see cref="ComponentSchema"/>).
/// Append-only: a document is written once as issued; each wallet credential minted from it is a new row; a
/// revocation is a new row of history. Nothing is updated or deleted.
/// </summary>
internal static class IssuedDocumentSchema
{
    public const string Component = "issued_documents";

    public static readonly string[] Migrations =
    [
        // 1: documents as issued (the QR token's payload, by its jti), the wallet credentials minted from each,
        // each document's revocations, and the named status list configurations credentials are allocated under.
        """
        CREATE TABLE issued_documents (
            jti TEXT PRIMARY KEY,
            institution TEXT NOT NULL,
            kind TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            payload BLOB NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE TABLE status_list_configurations (
            name TEXT PRIMARY KEY,
            base_uri TEXT NOT NULL UNIQUE,
            bits INTEGER NOT NULL CHECK (bits IN (1, 2, 4, 8)),
            entries INTEGER NOT NULL CHECK (entries > 0 AND entries % 8 = 0),
            lifetime_seconds INTEGER NOT NULL CHECK (lifetime_seconds > 0),
            ttl_seconds INTEGER NOT NULL CHECK (ttl_seconds > 0),
            created_at TEXT NOT NULL,
            UNIQUE (bits, entries));
        CREATE TABLE wallet_credentials (
            credential_id TEXT PRIMARY KEY,
            document_jti TEXT NOT NULL REFERENCES issued_documents (jti),
            vct TEXT NOT NULL,
            document_number TEXT NOT NULL,
            status_configuration TEXT REFERENCES status_list_configurations (name),
            status_uri TEXT,
            status_idx INTEGER,
            holder_thumbprint TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            CHECK ((status_uri IS NULL) = (status_idx IS NULL)));
        CREATE INDEX wallet_credentials_by_document ON wallet_credentials (document_jti);
        CREATE TABLE document_revocations (
            id INTEGER PRIMARY KEY,
            document_jti TEXT NOT NULL REFERENCES issued_documents (jti),
            revoked_at TEXT NOT NULL,
            wallet_credentials_revoked INTEGER NOT NULL);
        """,
    ];
}
