using System.Data.Common;
using System.Globalization;
using Credentials.Database;
using Credentials.Model;
using Credentials.Status;
using Credentials.Wallet.StatusLists;
using Credentials.WireFormat;

namespace Credentials.Storage.Issuance;

/// <summary>
/// The issuer's record of what it issued, in its state database beside the status lists (an SQLite file for one
/// machine, or PostgreSQL shared by several hosts): each document once, as issued (its QR token payload, by
/// <c>jti</c>), each wallet credential minted from it, each revocation, and the named status list configurations.
/// Append-only. What must happen once is decided by the database, never by a read followed by a write: a document is
/// inserted only when its <c>jti</c> is free, and a document's credentials and revocations take turns per document
/// (SQLite's write lock; a PostgreSQL advisory lock), so no credential is recorded after its document's revocation.
/// Each operation takes its own pooled connection, so one instance is safe to share between threads.
/// </summary>
public sealed class IssuedDocumentStore : IDisposable
{
    private readonly StateDatabase database;
    private readonly TimeProvider time;

    private IssuedDocumentStore(StateDatabase database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
    }

    /// <summary>Where the documents are, for messages: the file, or the PostgreSQL server without user or password.</summary>
    public string Location => database.Location.Display;

    /// <summary>
    /// Opens the state at <paramref name="location"/> (an SQLite file's path, created when missing, or a PostgreSQL
    /// connection string, see <see cref="DatabaseLocation.Parse(string)"/>) and applies the missing migrations; throws
    /// <see cref="IssuerStateException"/> with one line naming the place, never a password.
    /// </summary>
    public static IssuedDocumentStore Open(string location, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return Open(DatabaseLocation.Parse(location, e => new IssuerStateException($"the issuer database: {e.Message}", e)), time);
    }

    /// <summary>Opens the state at <paramref name="location"/> and applies the missing migrations; throws <see cref="IssuerStateException"/>.</summary>
    public static IssuedDocumentStore Open(DatabaseLocation location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            return new IssuedDocumentStore(StateDatabase.Open(location, [IssuedDocumentSchema.Component], time.GetUtcNow()), time);
        }
        catch (DatabaseException e)
        {
            throw new IssuerStateException(StateDatabase.CannotUse("issuer database", location, e), e);
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
        return Write(null, (connection, transaction) =>
        {
            // One statement decides: the row is inserted only when the jti is free, on every host at once.
            var inserted = SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO issued_documents (jti, institution, kind, issued_on, payload, recorded_at) VALUES (@jti, @institution, @kind, @issued, @payload, @at) ON CONFLICT (jti) DO NOTHING;",
                ("@jti", jti),
                ("@institution", payload.Document.Institution.Id.ToString()),
                ("@kind", payload.SchemaId),
                ("@issued", payload.Document.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("@payload", bytes),
                ("@at", StoredInstant.Format(now)));
            if (inserted == 1)
            {
                return new StoredDocument(payload, now, null);
            }

            var existing = FindDocument(connection, transaction, jti)!;
            return QrPayloadWriter.Write(existing.Payload).AsSpan().SequenceEqual(bytes)
                ? existing
                : throw new IssuerStateException("another document is recorded under this jti: a document is issued once, and a new one needs a new jti.");
        });
    }

    /// <summary>The document recorded under <paramref name="jti"/>, or null.</summary>
    public StoredDocument? FindDocument(string jti)
    {
        ArgumentNullException.ThrowIfNull(jti);
        return Read((connection, transaction) => FindDocument(connection, transaction, jti));
    }

    /// <summary>
    /// Records a wallet credential minted from a recorded document; refused when no document is recorded under its
    /// <c>jti</c> or the document is revoked (checked in the document's turn, so a revocation recorded at the same
    /// moment on another host is either seen here or sees this credential).
    /// </summary>
    public void RecordCredential(MintedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Write(DocumentTurn(credential.DocumentId), (connection, transaction) =>
        {
            if (SqlCommands.Scalar(connection, transaction, "SELECT 1 FROM issued_documents WHERE jti = @jti;", ("@jti", credential.DocumentId)) is null)
            {
                throw new IssuerStateException("no document is recorded under that jti: a wallet credential is minted from a recorded document.");
            }

            if (SqlCommands.Scalar(connection, transaction, "SELECT 1 FROM document_revocations WHERE document_jti = @jti LIMIT 1;", ("@jti", credential.DocumentId)) is not null)
            {
                throw new IssuerStateException("the document is revoked: no wallet credential is minted from it.");
            }

            SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO wallet_credentials (credential_id, document_jti, vct, document_number, status_configuration, status_uri, status_idx, holder_thumbprint, issued_at, expires_at) " +
                "VALUES (@id, @jti, @vct, @number, @configuration, @uri, @idx, @thumbprint, @iat, @exp);",
                ("@id", credential.CredentialId),
                ("@jti", credential.DocumentId),
                ("@vct", credential.Vct),
                ("@number", credential.DocumentNumber),
                ("@configuration", credential.StatusConfiguration),
                ("@uri", credential.Status?.List.OriginalString),
                ("@idx", credential.Status?.Index),
                ("@thumbprint", credential.HolderKeyThumbprint),
                ("@iat", StoredInstant.Format(credential.IssuedAt)),
                ("@exp", StoredInstant.Format(credential.ExpiresAt)));
            return 0;
        });
    }

    /// <summary>Every wallet credential minted from the document, oldest first.</summary>
    public IReadOnlyList<MintedCredential> CredentialsOf(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        return Read((connection, transaction) => ReadCredentials(connection, transaction, "WHERE document_jti = @value ORDER BY issued_at, credential_id", documentId));
    }

    /// <summary>The wallet credential with this <c>jti</c>, or null.</summary>
    public MintedCredential? FindCredential(string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return Read((connection, transaction) => ReadCredentials(connection, transaction, "WHERE credential_id = @value", credentialId).FirstOrDefault());
    }

    /// <summary>
    /// Appends a revocation of the document to its history (with how many wallet credentials it revoked), in the
    /// document's turn: from then on no wallet credential is recorded for it. False when none is recorded under that jti.
    /// </summary>
    public bool RecordRevocation(string documentId, int walletCredentialsRevoked)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var now = time.GetUtcNow();
        return Write(DocumentTurn(documentId), (connection, transaction) =>
            SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO document_revocations (document_jti, revoked_at, wallet_credentials_revoked) SELECT jti, @at, @count FROM issued_documents WHERE jti = @jti;",
                ("@jti", documentId),
                ("@at", StoredInstant.Format(now)),
                ("@count", walletCredentialsRevoked)) == 1);
    }

    /// <summary>Adds a named status list configuration; refused when the name, the address or the shape is taken.</summary>
    public void AddStatusConfiguration(StatusListConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.Options;
        Write("status-list-configurations", (connection, transaction) =>
        {
            if (SqlCommands.Scalar(connection, transaction, "SELECT name FROM status_list_configurations WHERE name = @name OR base_uri = @uri OR (bits = @bits AND entries = @entries);", ("@name", configuration.Name), ("@uri", options.BaseAddress.OriginalString), ("@bits", options.Bits), ("@entries", options.EntriesPerList)) is string taken)
            {
                throw new IssuerStateException(taken == configuration.Name
                    ? $"a status list configuration named '{taken}' exists already."
                    : $"the status list configuration '{taken}' has this address or this shape ({options.Bits} bits, {options.EntriesPerList} entries) already: lists of one shape are shared, so they have one configuration.");
            }

            SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO status_list_configurations (name, base_uri, bits, entries, lifetime_seconds, ttl_seconds, created_at) VALUES (@name, @uri, @bits, @entries, @lifetime, @ttl, @at);",
                ("@name", configuration.Name),
                ("@uri", options.BaseAddress.OriginalString),
                ("@bits", options.Bits),
                ("@entries", options.EntriesPerList),
                ("@lifetime", (long)options.Lifetime.TotalSeconds),
                ("@ttl", (long)options.TimeToLive.TotalSeconds),
                ("@at", StoredInstant.Format(time.GetUtcNow())));
            return 0;
        });
    }

    /// <summary>Every status list configuration, by name.</summary>
    public IReadOnlyList<StatusListConfiguration> StatusConfigurations() => Read((connection, transaction) =>
    {
        var configurations = new List<StatusListConfiguration>();
        using var command = SqlCommands.Command(connection, transaction, "SELECT name, base_uri, bits, entries, lifetime_seconds, ttl_seconds FROM status_list_configurations ORDER BY name;");
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

    /// <summary>Lets go of the pooled connections (an SQLite file can then be moved or deleted).</summary>
    public void Dispose() => database.Dispose();

    /// <summary>The turn a document's credentials and revocations take, on every host.</summary>
    private static string DocumentTurn(string documentId) => "issued-document:" + documentId;

    private static StoredDocument? FindDocument(DbConnection connection, DbTransaction transaction, string jti)
    {
        using var command = SqlCommands.Command(connection, transaction, "SELECT d.payload, d.recorded_at, (SELECT MIN(r.revoked_at) FROM document_revocations r WHERE r.document_jti = d.jti) FROM issued_documents d WHERE d.jti = @jti;", ("@jti", jti));
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

    private static List<MintedCredential> ReadCredentials(DbConnection connection, DbTransaction transaction, string where, string value)
    {
        var credentials = new List<MintedCredential>();
        using var command = SqlCommands.Command(connection, transaction, "SELECT credential_id, document_jti, vct, document_number, status_configuration, status_uri, status_idx, holder_thumbprint, issued_at, expires_at FROM wallet_credentials " + where + ";", ("@value", value));
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

    private T Write<T>(string? turn, Func<DbConnection, DbTransaction, T> work) => database.WriteIssuerState(turn, work);

    private T Read<T>(Func<DbConnection, DbTransaction, T> work) => database.ReadIssuerState(work);
}
