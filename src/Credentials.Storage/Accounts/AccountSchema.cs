using Credentials.Database;

namespace Credentials.Storage.Accounts;

/// <summary>
/// Who may act on the host: the API keys of machines, the local accounts of people and the ASP.NET Core
/// data-protection key ring, as one component of the issuer's state database (<see cref="IssuerStateSchema"/>,
/// <see cref="SchemaMigrator"/>), on SQLite or in the PostgreSQL database several hosts share. Migrations only ever
/// append: a new step goes at the end.
/// </summary>
internal static class AccountSchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: API keys. Only the SHA-256 of a key is kept (see ApiKeySecret), never the key; a rotation keeps the hash
        // of the secret it replaced until its grace period ends. A key is never deleted: a revoked one stays listed.
        new Migration("API keys and the institutions each may sign for", d => $"""
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            secret_sha256 {d.Bytes} NOT NULL,
            previous_secret_sha256 {d.Bytes},
            previous_secret_expires_at TEXT,
            created_at TEXT NOT NULL,
            expires_at TEXT,
            rotated_at TEXT,
            revoked_at TEXT);
        CREATE TABLE api_key_institutions (
            key_id TEXT NOT NULL REFERENCES api_keys (id),
            institution TEXT NOT NULL,
            PRIMARY KEY (key_id, institution));
        """),

        // 2: local accounts of people, for a single-machine install: the password as a PBKDF2 hash (PasswordHash),
        // the count of failed sign-ins in a row and the lockout they led to. Disabled, never deleted.
        new Migration("local accounts, their institutions and lockout", _ => """
        CREATE TABLE local_accounts (
            user_name TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL,
            disabled_at TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT);
        CREATE TABLE local_account_institutions (
            user_name TEXT NOT NULL REFERENCES local_accounts (user_name),
            institution TEXT NOT NULL,
            PRIMARY KEY (user_name, institution));
        """),

        // 3: the ASP.NET Core data-protection key ring (one XML element per key, as the platform writes it), so a
        // cookie or antiforgery token one host made is read by every other host on the same database.
        Migration.Same("the data-protection key ring shared by the hosts", """
        CREATE TABLE data_protection_keys (
            name TEXT PRIMARY KEY,
            xml TEXT NOT NULL,
            stored_at TEXT NOT NULL);
        """),
    ];

    /// <summary>The accounts as a schema component; its tables in the order a copy writes them.</summary>
    public static readonly SchemaComponent Component = new(
        "accounts",
        "API keys and accounts",
        Migrations,
        [new SchemaTable("api_keys"), new SchemaTable("api_key_institutions"), new SchemaTable("local_accounts"), new SchemaTable("local_account_institutions"), new SchemaTable("data_protection_keys")]);
}
