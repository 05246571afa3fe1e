using System.Data.Common;
using Credentials.Database;
using Credentials.Model;

namespace Credentials.Storage.Accounts;

/// <summary>
/// The API keys machines sign in with, in the issuer's state database (an SQLite file, or the PostgreSQL database
/// several hosts share): created with a secret from the CSPRNG that is shown once and kept only as its SHA-256
/// (<see cref="ApiKeySecret"/>), each scoped to the institutions it may sign for, rotated (a new secret; the old one dies
/// at once or after a grace period) and revoked. Never deleted, so a revoked key stays listed. Safe to share between
/// threads; every host on one database sees each change at its next request.
/// </summary>
public sealed class ApiKeyStore : IDisposable
{
    /// <summary>How every key begins (<c>crk_</c>): a request's bearer token without it is not a key and is not looked up.</summary>
    public const string KeyPrefix = ApiKeySecret.Prefix;

    /// <summary>The longest name a key may have.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The most institutions one key may sign for.</summary>
    public const int MaxInstitutions = 50;

    /// <summary>The longest grace period a rotated secret may keep working.</summary>
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(30);

    private const string KeySelect =
        "SELECT id, name, created_at, expires_at, rotated_at, previous_secret_expires_at, revoked_at, secret_sha256, previous_secret_sha256 FROM api_keys";

    private readonly AccountDatabase database;
    private readonly TimeProvider time;

    private ApiKeyStore(AccountDatabase database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
    }

    /// <summary>Where the keys are, for messages: the file's path, or the PostgreSQL server without user or password.</summary>
    public string Location => database.Location.Display;

    /// <summary>
    /// Opens the keys at <paramref name="location"/>: an SQLite file's path (created with its folder when missing) or a
    /// PostgreSQL connection string (<see cref="DatabaseLocation"/>), and brings its schema up to date. Throws
    /// <see cref="AccountStoreException"/> with one line naming the file or the server.
    /// </summary>
    public static ApiKeyStore Open(string location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ApiKeyStore(AccountDatabase.Open(location, time), time);
    }

    /// <summary>
    /// Creates a key named <paramref name="name"/> for <paramref name="institutions"/>, working until
    /// <paramref name="expiresAt"/> (or until revoked). The returned <see cref="IssuedApiKey.Secret"/> is the only copy.
    /// Throws <see cref="AccountStoreException"/> for a name, institutions or expiry that cannot be used.
    /// </summary>
    public IssuedApiKey Create(string name, IReadOnlyCollection<InstitutionId> institutions, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(institutions);
        var now = time.GetUtcNow();
        CheckName(name);
        var scope = institutions.Distinct().OrderBy(institution => institution.ToString(), StringComparer.Ordinal).ToList();
        if (scope.Count is 0 or > MaxInstitutions)
        {
            throw new AccountStoreException($"an API key signs for 1 to {MaxInstitutions} institutions; {scope.Count} were given.");
        }

        if (expiresAt is { } expires && expires <= now)
        {
            throw new AccountStoreException("the key's expiry is not in the future.");
        }

        var id = ApiKeySecret.NewId();
        var secret = ApiKeySecret.NewKey(id);
        database.Write("accounts", (connection, transaction) =>
        {
            SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO api_keys (id, name, secret_sha256, created_at, expires_at) VALUES (@id, @name, @hash, @created, @expires);",
                ("@id", id),
                ("@name", name),
                ("@hash", ApiKeySecret.Hash(secret)),
                ("@created", StoredInstant.Format(now)),
                ("@expires", expiresAt is { } at ? StoredInstant.Format(at) : null));
            foreach (var institution in scope)
            {
                SqlCommands.Execute(connection, transaction, "INSERT INTO api_key_institutions (key_id, institution) VALUES (@id, @institution);", ("@id", id), ("@institution", institution.ToString()));
            }

            return 0;
        });
        return new IssuedApiKey(new ApiKey(id, name, scope, Truncated(now), expiresAt is { } e ? Truncated(e) : null, null, null, null), secret);
    }

    /// <summary>Every key (revoked and expired ones too), oldest first, without secrets.</summary>
    public IReadOnlyList<ApiKey> List() => database.Read(connection =>
    {
        var institutions = Institutions(connection, null, null);
        return Keys(connection, null, KeySelect + " ORDER BY created_at, id;").Select(row => row.ToKey(institutions)).ToList();
    });

    /// <summary>The key with this id, or null.</summary>
    public ApiKey? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.Read(connection => FindRow(connection, null, id)?.ToKey(Institutions(connection, null, id)));
    }

    /// <summary>
    /// Gives the key a new secret (returned, the only copy); the old secret stops working at once, or after
    /// <paramref name="gracePeriod"/> so the integration can switch without an outage. Throws
    /// <see cref="AccountStoreException"/> for an unknown, revoked or expired key, or a grace period out of bounds.
    /// </summary>
    public IssuedApiKey Rotate(string id, TimeSpan gracePeriod = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (gracePeriod < TimeSpan.Zero || gracePeriod > MaxGracePeriod)
        {
            throw new AccountStoreException($"the grace period is 0 to {MaxGracePeriod.TotalDays:0} days.");
        }

        var now = time.GetUtcNow();
        return database.Write("accounts", (connection, transaction) =>
        {
            var row = FindRow(connection, transaction, id) ?? throw new AccountStoreException($"there is no API key {id}.");
            var current = row.ToKey(Institutions(connection, transaction, id));
            if (!current.IsActiveAt(now))
            {
                throw new AccountStoreException($"the API key {id} is {current.StateAt(now)}: create a new one.");
            }

            var secret = ApiKeySecret.NewKey(id);
            DateTimeOffset? graceEnds = gracePeriod > TimeSpan.Zero ? now + gracePeriod : null;
            SqlCommands.Execute(
                connection,
                transaction,
                "UPDATE api_keys SET secret_sha256 = @hash, previous_secret_sha256 = @previous, previous_secret_expires_at = @graceEnds, rotated_at = @now WHERE id = @id;",
                ("@hash", ApiKeySecret.Hash(secret)),
                ("@previous", graceEnds is null ? null : row.SecretHash),
                ("@graceEnds", graceEnds is { } ends ? StoredInstant.Format(ends) : null),
                ("@now", StoredInstant.Format(now)),
                ("@id", id));
            return new IssuedApiKey(current with { RotatedAt = Truncated(now), PreviousSecretExpiresAt = graceEnds is { } g ? Truncated(g) : null }, secret);
        });
    }

    /// <summary>
    /// Revokes the key: from now on neither its secret nor one in a grace period works, on every host. Returns it as
    /// revoked; revoking a revoked key changes nothing. Throws <see cref="AccountStoreException"/> for an unknown key.
    /// </summary>
    public ApiKey Revoke(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = StoredInstant.Format(time.GetUtcNow());
        return database.Write("accounts", (connection, transaction) =>
        {
            SqlCommands.Execute(connection, transaction, "UPDATE api_keys SET revoked_at = @now, previous_secret_sha256 = NULL, previous_secret_expires_at = NULL WHERE id = @id AND revoked_at IS NULL;", ("@now", now), ("@id", id));
            return (FindRow(connection, transaction, id) ?? throw new AccountStoreException($"there is no API key {id}.")).ToKey(Institutions(connection, transaction, id));
        });
    }

    /// <summary>
    /// The key whose text <paramref name="presented"/> is, when it works now (its current secret, or the previous one
    /// within its grace period; not revoked, not expired); otherwise null, for every reason alike, so a caller cannot
    /// learn which part was wrong.
    /// </summary>
    public ApiKey? Authenticate(string? presented)
    {
        if (ApiKeySecret.IdOf(presented) is not { } id)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return database.Read(connection =>
        {
            if (FindRow(connection, null, id) is not { } row)
            {
                return null;
            }

            var key = row.ToKey(Institutions(connection, null, id));
            var current = ApiKeySecret.Matches(presented!, row.SecretHash);
            var previous = ApiKeySecret.Matches(presented!, row.PreviousSecretHash) && key.PreviousSecretExpiresAt is { } graceEnds && now < graceEnds;
            return (current || previous) && key.IsActiveAt(now) ? key : null;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => database.Dispose();

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new AccountStoreException($"an API key's name is 1 to {MaxNameLength} characters, not blank, without control characters.");
        }
    }

    /// <summary>An instant as the database gives it back (to the 100 ns its text holds).</summary>
    private static DateTimeOffset Truncated(DateTimeOffset instant) => StoredInstant.Parse(StoredInstant.Format(instant));

    private static KeyRow? FindRow(DbConnection connection, DbTransaction? transaction, string id) =>
        Keys(connection, transaction, KeySelect + " WHERE id = @id;", ("@id", id)).SingleOrDefault();

    private static List<KeyRow> Keys(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = SqlCommands.Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<KeyRow>();
        while (reader.Read())
        {
            rows.Add(new KeyRow(
                reader.GetString(0),
                reader.GetString(1),
                StoredInstant.Parse(reader.GetString(2)),
                Instant(reader, 3),
                Instant(reader, 4),
                Instant(reader, 5),
                Instant(reader, 6),
                (byte[])reader.GetValue(7),
                reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8)));
        }

        return rows;
    }

    /// <summary>The institutions of one key (or of every key), by key id, in the order they are named.</summary>
    private static Dictionary<string, List<InstitutionId>> Institutions(DbConnection connection, DbTransaction? transaction, string? id)
    {
        using var command = id is null
            ? SqlCommands.Command(connection, transaction, "SELECT key_id, institution FROM api_key_institutions ORDER BY key_id, institution;")
            : SqlCommands.Command(connection, transaction, "SELECT key_id, institution FROM api_key_institutions WHERE key_id = @id ORDER BY institution;", ("@id", id));
        using var reader = command.ExecuteReader();
        var byKey = new Dictionary<string, List<InstitutionId>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(InstitutionId.Parse(reader.GetString(1)));
        }

        return byKey;
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : StoredInstant.Parse(reader.GetString(ordinal));

    private sealed record KeyRow(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RotatedAt, DateTimeOffset? GraceEnds, DateTimeOffset? RevokedAt, byte[] SecretHash, byte[]? PreviousSecretHash)
    {
        public ApiKey ToKey(Dictionary<string, List<InstitutionId>> institutions) =>
            new(Id, Name, institutions.TryGetValue(Id, out var list) ? list : [], CreatedAt, ExpiresAt, RotatedAt, GraceEnds, RevokedAt);
    }
}
