using System.Data;
using System.Globalization;
using Credentials.Database;
using Credentials.Model;
using Credentials.Status;
using Credentials.Wallet.StatusLists;
using Npgsql;

namespace Credentials.Storage.StatusLists;

/// <summary>
/// The issuer's status lists in PostgreSQL, shared by several hosts: the same tables and rules as
/// <see cref="SqliteStatusListStore"/>, from one migration sequence (<see cref="StatusListSchema"/>). Allocations for
/// one institution take turns across every host (a transaction-scoped advisory lock per institution, the role SQLite's
/// one write lock plays for a file), so an index is never handed out twice and a list never takes more than its
/// rollover; a status change locks its entry (<c>SELECT … FOR UPDATE</c>), so two hosts changing one credential see
/// each other's result. Entries are never deleted, so an index is never reused. Each operation takes a pooled
/// connection, so one instance is safe to share between threads.
/// </summary>
public sealed class PostgresStatusListStore : IStatusListDatabase
{
    /// <summary>How many random draws an allocation makes before it gives up (see <see cref="SqliteStatusListStore"/>: (3/4)^200).</summary>
    private const int MaxDraws = 200;

    private const string ListSelect =
        "SELECT l.id, l.uri, l.institution, l.number, l.bits, l.capacity, l.allocated, l.version, p.version AS published_version, p.expires_at AS published_exp " +
        "FROM status_lists l LEFT JOIN status_list_publications p ON p.list_id = l.id";

    private readonly NpgsqlDataSource dataSource;
    private readonly DatabaseLocation location;

    private PostgresStatusListStore(NpgsqlDataSource dataSource, DatabaseLocation location)
    {
        this.dataSource = dataSource;
        this.location = location;
    }

    /// <summary>
    /// Connects to the database a PostgreSQL connection string names (<see cref="DatabaseLocation"/>) and applies the
    /// status lists' missing migrations (several hosts starting at once apply each once). Throws
    /// <see cref="StatusListIssuanceException"/> with a one-line reason that names the server, never the password.
    /// </summary>
    public static PostgresStatusListStore Open(string connectionString, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            var location = DatabaseLocation.Parse(connectionString);
            if (!location.IsPostgreSql)
            {
                throw new DatabaseException("a PostgreSQL connection string is needed here (postgres://… or Host=…), not a file path.");
            }

            var dataSource = PostgreSqlConnections.OpenDataSource(location);
            var store = new PostgresStatusListStore(dataSource, location);
            try
            {
                using var connection = dataSource.OpenConnection();
                SchemaMigrator.Migrate(connection, SqlDialect.PostgreSql, StatusListSchema.Component, time.GetUtcNow());
                return store;
            }
            catch (Exception e) when (e is NpgsqlException or DatabaseException)
            {
                store.Dispose();
                throw new DatabaseException(e is DatabaseException ? e.Message : PostgreSqlConnections.Reason(e), e);
            }
        }
        catch (DatabaseException e)
        {
            throw new StatusListIssuanceException($"the status list database cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Where the lists are, for messages: the server, its port and database, without user or password.</summary>
    public string Location => location.Display;

    /// <inheritdoc/>
    public StatusListEntry Allocate(StatusListAllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var institution = request.Institution.ToString();
        return Run(connection =>
        {
            // One institution's allocations take turns on every host; other institutions' go on meanwhile.
            using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@turn, 0));", ("@turn", "credentials:status-lists:" + institution));
            if (Scalar(connection, transaction, "SELECT 1 FROM status_entries WHERE institution = @institution AND credential_id = @credential;", ("@institution", institution), ("@credential", request.CredentialId)) is not null)
            {
                throw new StatusListIssuanceException("refused to allocate a status entry: the credential already has one (a re-issued credential needs a new id, draft-ietf-oauth-status-list-21 §13.2).");
            }

            var (listId, uri) = OpenList(connection, transaction, request);
            var capacity = request.Shape.Capacity;
            for (var draw = 0; draw < MaxDraws; draw++)
            {
                var index = request.RandomIndex(capacity);
                if ((uint)index >= (uint)capacity)
                {
                    throw new InvalidOperationException($"the random index source gave {index}, outside [0, {capacity}).");
                }

                // The primary key (list_id, idx) makes a taken index a no-op here, on this host and on every other.
                var inserted = Execute(
                    connection,
                    transaction,
                    "INSERT INTO status_entries (list_id, idx, institution, credential_id, allocated_at) VALUES (@list, @idx, @institution, @credential, @at) ON CONFLICT (list_id, idx) DO NOTHING;",
                    ("@list", listId),
                    ("@idx", index),
                    ("@institution", institution),
                    ("@credential", request.CredentialId),
                    ("@at", SqliteStatusListStore.FormatInstant(request.At)));
                if (inserted == 1)
                {
                    Execute(connection, transaction, "UPDATE status_lists SET allocated = allocated + 1 WHERE id = @list;", ("@list", listId));
                    transaction.Commit();
                    return new StatusListEntry(new Uri(uri), index);
                }
            }

            throw new StatusListIssuanceException($"no free status list index was found in {MaxDraws} random draws; the list is fuller than it may be.");
        });
    }

    /// <inheritdoc/>
    public bool ChangeStatus(InstitutionId institution, string credentialId, Func<StoredStatusEntry, byte> decide, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(decide);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            var found = FindEntry(connection, transaction, institution, credentialId, forUpdate: true);
            if (found is not { } entry)
            {
                return false;
            }

            var next = decide(entry.Stored);
            if (next != entry.Stored.Status)
            {
                Execute(connection, transaction, "UPDATE status_entries SET status = @status, changed_at = @at WHERE list_id = @list AND idx = @idx;", ("@status", (int)next), ("@at", SqliteStatusListStore.FormatInstant(at)), ("@list", entry.ListId), ("@idx", (int)entry.Stored.Entry.Index));
                Execute(connection, transaction, "UPDATE status_lists SET version = version + 1 WHERE id = @list;", ("@list", entry.ListId));
            }

            transaction.Commit();
            return true;
        });
    }

    /// <inheritdoc/>
    public StoredStatusEntry? Find(InstitutionId institution, string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return Run(connection => FindEntry(connection, null, institution, credentialId, forUpdate: false)?.Stored);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatusListRecord> Lists() => Run(connection =>
    {
        var lists = new List<StatusListRecord>();
        using var command = Command(connection, null, ListSelect + " ORDER BY l.institution, l.number;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lists.Add(ReadRecord(reader));
        }

        return (IReadOnlyList<StatusListRecord>)lists;
    });

    /// <inheritdoc/>
    public StatusListContent? Read(Uri list)
    {
        ArgumentNullException.ThrowIfNull(list);

        // One repeatable-read transaction: the entries are those of the version the record says.
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            StatusListRecord record;
            long listId;
            using (var command = Command(connection, transaction, ListSelect + " WHERE l.uri = @uri;", ("@uri", list.OriginalString)))
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                record = ReadRecord(reader);
                listId = reader.GetInt64(reader.GetOrdinal("id"));
            }

            var statuses = new Dictionary<int, byte>();
            using (var command = Command(connection, transaction, "SELECT idx, status FROM status_entries WHERE list_id = @list AND status <> 0;", ("@list", listId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    statuses[reader.GetInt32(0)] = (byte)reader.GetInt32(1);
                }
            }

            transaction.Commit();
            return new StatusListContent(record, statuses);
        });
    }

    /// <inheritdoc/>
    public void RecordPublication(StatusListPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        Run(connection =>
        {
            var listId = Scalar(connection, null, "SELECT id FROM status_lists WHERE uri = @uri;", ("@uri", publication.List.OriginalString))
                ?? throw new StatusListIssuanceException("there is no status list at that address to record a publication of.");

            // Two publishers racing keep the newer: by version, then by iat (the row is locked by the upsert).
            return Execute(
                connection,
                null,
                """
                INSERT INTO status_list_publications (list_id, version, issued_at, expires_at, jwt, cwt) VALUES (@list, @version, @iat, @exp, @jwt, @cwt)
                ON CONFLICT (list_id) DO UPDATE SET version = excluded.version, issued_at = excluded.issued_at, expires_at = excluded.expires_at, jwt = excluded.jwt, cwt = excluded.cwt
                WHERE excluded.version > status_list_publications.version
                   OR (excluded.version = status_list_publications.version AND excluded.issued_at > status_list_publications.issued_at);
                """,
                ("@list", listId),
                ("@version", publication.Version),
                ("@iat", SqliteStatusListStore.FormatInstant(publication.IssuedAt)),
                ("@exp", SqliteStatusListStore.FormatInstant(publication.ExpiresAt)),
                ("@jwt", publication.Jwt),
                ("@cwt", publication.Cwt));
        });
    }

    /// <inheritdoc/>
    public StatusListPublication? LatestPublication(Uri list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Run(connection =>
        {
            using var command = Command(connection, null, "SELECT p.version, p.issued_at, p.expires_at, p.jwt, p.cwt FROM status_list_publications p JOIN status_lists l ON l.id = p.list_id WHERE l.uri = @uri;", ("@uri", list.OriginalString));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StatusListPublication(list, reader.GetInt64(0), ParseInstant(reader.GetString(1)), ParseInstant(reader.GetString(2)), reader.GetString(3), (byte[])reader.GetValue(4))
                : null;
        });
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => dataSource.Dispose();

    private static StatusListRecord ReadRecord(NpgsqlDataReader reader) => new(
        new Uri(reader.GetString(reader.GetOrdinal("uri"))),
        InstitutionId.Parse(reader.GetString(reader.GetOrdinal("institution"))),
        reader.GetInt32(reader.GetOrdinal("number")),
        new StatusListShape(reader.GetInt32(reader.GetOrdinal("bits")), reader.GetInt32(reader.GetOrdinal("capacity"))),
        reader.GetInt32(reader.GetOrdinal("allocated")),
        reader.GetInt64(reader.GetOrdinal("version")),
        reader.IsDBNull(reader.GetOrdinal("published_version")) ? null : reader.GetInt64(reader.GetOrdinal("published_version")),
        reader.IsDBNull(reader.GetOrdinal("published_exp")) ? null : ParseInstant(reader.GetString(reader.GetOrdinal("published_exp"))));

    private static (long ListId, string Uri) OpenList(NpgsqlConnection connection, NpgsqlTransaction transaction, StatusListAllocationRequest request)
    {
        var institution = request.Institution.ToString();
        using (var command = Command(
            connection,
            transaction,
            "SELECT id, uri FROM status_lists WHERE institution = @institution AND bits = @bits AND capacity = @capacity AND allocated < @rollover ORDER BY number DESC LIMIT 1;",
            ("@institution", institution),
            ("@bits", request.Shape.Bits),
            ("@capacity", request.Shape.Capacity),
            ("@rollover", request.Shape.RolloverAt)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }

        // The institution's lists are three quarters full (or none has this shape): open the next one.
        var number = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(number), 0) + 1 FROM status_lists WHERE institution = @institution;", ("@institution", institution)), CultureInfo.InvariantCulture);
        var uri = request.ListAddress(number).OriginalString;
        var id = Convert.ToInt64(
            Scalar(
                connection,
                transaction,
                "INSERT INTO status_lists (institution, number, uri, bits, capacity, created_at) VALUES (@institution, @number, @uri, @bits, @capacity, @at) RETURNING id;",
                ("@institution", institution),
                ("@number", number),
                ("@uri", uri),
                ("@bits", request.Shape.Bits),
                ("@capacity", request.Shape.Capacity),
                ("@at", SqliteStatusListStore.FormatInstant(request.At))),
            CultureInfo.InvariantCulture);
        return (id, uri);
    }

    private static (long ListId, StoredStatusEntry Stored)? FindEntry(NpgsqlConnection connection, NpgsqlTransaction? transaction, InstitutionId institution, string credentialId, bool forUpdate)
    {
        using var command = Command(
            connection,
            transaction,
            "SELECT e.list_id, e.idx, e.status, l.bits, l.uri FROM status_entries e JOIN status_lists l ON l.id = e.list_id WHERE e.institution = @institution AND e.credential_id = @credential" + (forUpdate ? " FOR UPDATE OF e;" : ";"),
            ("@institution", institution.ToString()),
            ("@credential", credentialId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new StoredStatusEntry(new StatusListEntry(new Uri(reader.GetString(4)), reader.GetInt32(1)), reader.GetInt32(3), (byte)reader.GetInt32(2)))
            : null;
    }

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>Runs one operation on a pooled connection; a database failure becomes one line naming the server.</summary>
    private T Run<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            return work(connection);
        }
        catch (NpgsqlException e)
        {
            throw new StatusListIssuanceException($"the status list database in {location.Display} failed: {PostgreSqlConnections.Reason(e)}", e);
        }
    }
}
