using Credentials.Storage.StatusLists;
using Credentials.Database;
using Credentials.Model;
using Credentials.Status;
using Credentials.Wallet.StatusLists;
using Credentials.WireFormat;
using Microsoft.Data.Sqlite;

namespace Credentials.Storage.Issuance;

/// <summary>
/// The issuer's record of what it issued, in its SQLite state database beside the status lists: each document once,
/// as issued (its QR token payload, by <c>jti</c>), each wallet credential minted from it, each revocation, and the
/// named status list configurations. Append-only. Every write is one <c>BEGIN IMMEDIATE</c> transaction (WAL, busy
/// timeout), so several processes may share the file; each operation opens its own pooled connection, so one
/// instance is safe to share between threads.
/// </summary>
public sealed class SqliteIssuedDocumentStore : IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider time;

    private SqliteIssuedDocumentStore(string connectionString, TimeProvider time)
    {
        this.connectionString = connectionString;
        this.time = time;
    }

    /// <summary>Opens (creating when missing) the database at <paramref name="path"/> and applies the missing migrations; throws <see cref="IssuerStateException"/>.</summary>
    public static SqliteIssuedDocumentStore Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)SqliteStatusListStore.BusyTimeout.TotalSeconds,
        }.ToString();
        var store = new SqliteIssuedDocumentStore(connectionString, time);
        try
        {
            using var connection = store.Connect();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, IssuedDocumentSchema.Component, time.GetUtcNow());
            return store;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or DatabaseException)
        {
            store.Dispose();
            throw new IssuerStateException($"the issuer database '{Path.GetFileName(path)}' cannot be used: {Describe(e)}", e);
        }
    }

    /// <summary>
    /// Records a document as issued and returns it. The payload must have a <c>jti</c>. A document already recorded
    /// under that <c>jti</c> is returned as it was recorded when the payload is the same; another payload under the
    /// same <c>jti</c> is refused (a document is issued once).
    /// </summary>
    public StoredDocument RecordDocument(QrTokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var jti = payload.TokenId ?? throw new ArgumentException("a document is recorded by its jti: the payload has none.", nameof(payload));
        var bytes = QrPayloadWriter.Write(payload);
        var now = time.GetUtcNow();
        return Write(connection =>
        {
            if (FindDocument(connection, jti) is { } existing)
            {
                return QrPayloadWriter.Write(existing.Payload).AsSpan().SequenceEqual(bytes)
                    ? existing
                    : throw new IssuerStateException("another document is recorded under this jti: a document is issued once, and a new one needs a new jti.");
            }

            Execute(
                connection,
                "INSERT INTO issued_documents (jti, institution, kind, issued_on, payload, recorded_at) VALUES ($jti, $institution, $kind, $issued, $payload, $at);",
                ("$jti", jti),
                ("$institution", payload.Document.Institution.Id.ToString()),
                ("$kind", payload.SchemaId),
                ("$issued", payload.Document.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("$payload", bytes),
                ("$at", StoredInstant.Format(now)));
            return new StoredDocument(payload, now, null);
        });
    }

    /// <summary>The document recorded under <paramref name="jti"/>, or null.</summary>
    public StoredDocument? FindDocument(string jti)
    {
        ArgumentNullException.ThrowIfNull(jti);
        return Read(connection => FindDocument(connection, jti));
    }

    /// <summary>Records a wallet credential minted from a recorded document.</summary>
    public void RecordCredential(MintedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Write(connection =>
        {
            if (Scalar(connection, "SELECT 1 FROM issued_documents WHERE jti = $jti;", ("$jti", credential.DocumentId)) is null)
            {
                throw new IssuerStateException("no document is recorded under that jti: a wallet credential is minted from a recorded document.");
            }

            Execute(
                connection,
                "INSERT INTO wallet_credentials (credential_id, document_jti, vct, document_number, status_configuration, status_uri, status_idx, holder_thumbprint, issued_at, expires_at) " +
                "VALUES ($id, $jti, $vct, $number, $configuration, $uri, $idx, $thumbprint, $iat, $exp);",
                ("$id", credential.CredentialId),
                ("$jti", credential.DocumentId),
                ("$vct", credential.Vct),
                ("$number", credential.DocumentNumber),
                ("$configuration", (object?)credential.StatusConfiguration ?? DBNull.Value),
                ("$uri", (object?)credential.Status?.List.OriginalString ?? DBNull.Value),
                ("$idx", (object?)credential.Status?.Index ?? DBNull.Value),
                ("$thumbprint", credential.HolderKeyThumbprint),
                ("$iat", StoredInstant.Format(credential.IssuedAt)),
                ("$exp", StoredInstant.Format(credential.ExpiresAt)));
            return 0;
        });
    }

    /// <summary>Every wallet credential minted from the document, oldest first.</summary>
    public IReadOnlyList<MintedCredential> CredentialsOf(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return Read(connection => ReadCredentials(connection, "WHERE document_jti = $value ORDER BY issued_at, credential_id", documentId));
    }

    /// <summary>The wallet credential with this <c>jti</c>, or null.</summary>
    public MintedCredential? FindCredential(string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return Read(connection => ReadCredentials(connection, "WHERE credential_id = $value", credentialId).FirstOrDefault());
    }

    /// <summary>Appends a revocation of the document to its history (with how many wallet credentials it revoked); false when none is recorded under that jti.</summary>
    public bool RecordRevocation(string documentId, int walletCredentialsRevoked)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var now = time.GetUtcNow();
        return Write(connection =>
        {
            if (Scalar(connection, "SELECT 1 FROM issued_documents WHERE jti = $jti;", ("$jti", documentId)) is null)
            {
                return false;
            }

            Execute(connection, "INSERT INTO document_revocations (document_jti, revoked_at, wallet_credentials_revoked) VALUES ($jti, $at, $count);", ("$jti", documentId), ("$at", StoredInstant.Format(now)), ("$count", walletCredentialsRevoked));
            return true;
        });
    }

    /// <summary>Adds a named status list configuration; refused when the name, the address or the shape is taken.</summary>
    public void AddStatusConfiguration(StatusListConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.Options;
        Write(connection =>
        {
            if (Scalar(connection, "SELECT name FROM status_list_configurations WHERE name = $name OR base_uri = $uri OR (bits = $bits AND entries = $entries);", ("$name", configuration.Name), ("$uri", options.BaseAddress.OriginalString), ("$bits", options.Bits), ("$entries", options.EntriesPerList)) is string taken)
            {
                throw new IssuerStateException(taken == configuration.Name
                    ? $"a status list configuration named '{taken}' exists already."
                    : $"the status list configuration '{taken}' has this address or this shape ({options.Bits} bits, {options.EntriesPerList} entries) already: lists of one shape are shared, so they have one configuration.");
            }

            Execute(
                connection,
                "INSERT INTO status_list_configurations (name, base_uri, bits, entries, lifetime_seconds, ttl_seconds, created_at) VALUES ($name, $uri, $bits, $entries, $lifetime, $ttl, $at);",
                ("$name", configuration.Name),
                ("$uri", options.BaseAddress.OriginalString),
                ("$bits", options.Bits),
                ("$entries", options.EntriesPerList),
                ("$lifetime", (long)options.Lifetime.TotalSeconds),
                ("$ttl", (long)options.TimeToLive.TotalSeconds),
                ("$at", StoredInstant.Format(time.GetUtcNow())));
            return 0;
        });
    }

    /// <summary>Every status list configuration, by name.</summary>
    public IReadOnlyList<StatusListConfiguration> StatusConfigurations() => Read(connection =>
    {
        var configurations = new List<StatusListConfiguration>();
        using var command = Command(connection, "SELECT name, base_uri, bits, entries, lifetime_seconds, ttl_seconds FROM status_list_configurations ORDER BY name;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            configurations.Add(new StatusListConfiguration(reader.GetString(0), new StatusListIssuerOptions
            {
                BaseAddress = new Uri(reader.GetString(1)),
                Bits = reader.GetInt32(2),
                EntriesPerList = reader.GetInt32(3),
                Lifetime = TimeSpan.FromSeconds(reader.GetInt64(4)),
                TimeToLive = TimeSpan.FromSeconds(reader.GetInt64(5)),
                RepublishBefore = TimeSpan.FromSeconds(Math.Max(1, reader.GetInt64(4) / 4)),
            }));
        }

        return configurations;
    });

    /// <summary>The named status list configuration, or null.</summary>
    public StatusListConfiguration? FindStatusConfiguration(string name) => StatusConfigurations().FirstOrDefault(c => c.Name == name);

    /// <summary>Lets go of the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static StoredDocument? FindDocument(Connection connection, string jti)
    {
        using var command = Command(connection, "SELECT d.payload, d.recorded_at, (SELECT MIN(r.revoked_at) FROM document_revocations r WHERE r.document_jti = d.jti) FROM issued_documents d WHERE d.jti = $jti;", ("$jti", jti));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var read = QrPayloadReader.Read((byte[])reader.GetValue(0), PayloadReadMode.Token);
        if (read.Payload is null)
        {
            throw new IssuerStateException($"the document recorded under that jti no longer reads as a payload ({read.Findings.FirstOrDefault(f => f.IsBlocking)?.Code.ToWireName()}).");
        }

        return new StoredDocument(read.Payload, StoredInstant.Parse(reader.GetString(1)), reader.IsDBNull(2) ? null : StoredInstant.Parse(reader.GetString(2)));
    }

    private static List<MintedCredential> ReadCredentials(Connection connection, string where, string value)
    {
        var credentials = new List<MintedCredential>();
        using var command = Command(connection, "SELECT credential_id, document_jti, vct, document_number, status_configuration, status_uri, status_idx, holder_thumbprint, issued_at, expires_at FROM wallet_credentials " + where + ";", ("$value", value));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            credentials.Add(new MintedCredential(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : new StatusListEntry(new Uri(reader.GetString(5)), reader.GetInt64(6)),
                reader.GetString(7),
                StoredInstant.Parse(reader.GetString(8)),
                StoredInstant.Parse(reader.GetString(9))));
        }

        return credentials;
    }

    private T Write<T>(Func<Connection, T> work) => Run(deferred: false, work);

    private T Read<T>(Func<Connection, T> work) => Run(deferred: true, work);

    private T Run<T>(bool deferred, Func<Connection, T> work)
    {
        try
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction(deferred);
            var result = work(new Connection(connection, transaction));
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new IssuerStateException($"the issuer database failed: {Describe(e)}", e);
        }
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)SqliteStatusListStore.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static string Describe(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => "it stayed locked by another writer for longer than the busy timeout.",
        SqliteException { SqliteErrorCode: 26 } => "the file is not an SQLite database.",
        SqliteException { SqliteErrorCode: 11 } => "the database file is damaged.",
        SqliteException { SqliteErrorCode: 8 or 14 } => "the file cannot be opened for writing.",
        SqliteException { SqliteErrorCode: 19 } => "a record with this id exists already.",
        SqliteException s => $"SQLite error {s.SqliteErrorCode}.",
        _ => e.Message,
    };

    private static object? Scalar(Connection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    private static void Execute(Connection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(Connection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.Database.CreateCommand();
        command.Transaction = connection.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private readonly record struct Connection(SqliteConnection Database, SqliteTransaction Transaction);
}
