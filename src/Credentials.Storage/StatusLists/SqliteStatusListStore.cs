using System.Data.Common;
using System.Globalization;
using Credentials.Database;
using Credentials.Model;
using Credentials.Status;
using Credentials.Wallet.StatusLists;

namespace Credentials.Storage.StatusLists;

/// <summary>
/// The issuer's status lists in its SQLite state database. Every write is one <c>BEGIN IMMEDIATE</c> transaction, so
/// writers from several threads and several processes take turns (WAL mode, with a busy timeout) and an index is
/// never handed out twice; entries are never deleted, so an index is never reused. Each operation opens its own
/// (pooled) connection, so one instance is safe to share between threads.
/// </summary>
public sealed class SqliteStatusListStore : IStatusListDatabase
{
    /// <summary>How long a writer waits for another to finish before the operation fails as busy.</summary>
    public static readonly TimeSpan BusyTimeout = StateDatabase.BusyTimeout;

    /// <summary>
    /// How many random draws an allocation makes before it gives up. A list takes entries only until it is three
    /// quarters full, so each draw finds a free index with a chance of at least 1/4: 200 misses in a row would
    /// take (3/4)^200, about 10^-25.
    /// </summary>
    private const int MaxDraws = 200;

    private readonly StateDatabase database;

    private SqliteStatusListStore(StateDatabase database) => this.database = database;

    /// <summary>
    /// Opens (creating it when missing) the database at <paramref name="path"/>, switches it to WAL and applies the
    /// status lists' missing migrations. Throws <see cref="StatusListIssuanceException"/> with a one-line reason.
    /// </summary>
    public static SqliteStatusListStore Open(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        if (DatabaseLocation.IsPostgreSqlLocation(path))
        {
            throw new StatusListIssuanceException("the status list database is a file here: use PostgresStatusListStore for a PostgreSQL connection string.");
        }

        var location = DatabaseLocation.Parse(path);
        try
        {
            return new SqliteStatusListStore(StateDatabase.Open(location, [StatusListSchema.Component], time.GetUtcNow()));
        }
        catch (DatabaseException e)
        {
            throw new StatusListIssuanceException(StateDatabase.CannotUse("status list database", location, e), e);
        }
    }

    /// <inheritdoc/>
    public StatusListEntry Allocate(StatusListAllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(connection =>
        {
            var institution = request.Institution.ToString();
            if (Scalar(connection, "SELECT 1 FROM status_entries WHERE institution = @institution AND credential_id = @credential;", ("@institution", institution), ("@credential", request.CredentialId)) is not null)
            {
                throw new StatusListIssuanceException("refused to allocate a status entry: the credential already has one (a re-issued credential needs a new id, draft-ietf-oauth-status-list-21 §13.2).");
            }

            var (listId, uri) = OpenList(connection, request);
            var capacity = request.Shape.Capacity;
            for (var draw = 0; draw < MaxDraws; draw++)
            {
                var index = request.RandomIndex(capacity);
                if ((uint)index >= (uint)capacity)
                {
                    throw new InvalidOperationException($"the random index source gave {index}, outside [0, {capacity}).");
                }

                // The primary key (list_id, idx) makes a taken index a no-op here, in this and in every other process.
                var inserted = Execute(
                    connection,
                    "INSERT INTO status_entries (list_id, idx, institution, credential_id, allocated_at) VALUES (@list, @idx, @institution, @credential, @at) ON CONFLICT (list_id, idx) DO NOTHING;",
                    ("@list", listId),
                    ("@idx", index),
                    ("@institution", institution),
                    ("@credential", request.CredentialId),
                    ("@at", FormatInstant(request.At)));
                if (inserted == 1)
                {
                    Execute(connection, "UPDATE status_lists SET allocated = allocated + 1 WHERE id = @list;", ("@list", listId));
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
        return Write(connection =>
        {
            var found = FindEntry(connection, institution, credentialId);
            if (found is not { } entry)
            {
                return false;
            }

            var next = decide(entry.Stored);
            if (next != entry.Stored.Status)
            {
                Execute(connection, "UPDATE status_entries SET status = @status, changed_at = @at WHERE list_id = @list AND idx = @idx;", ("@status", (int)next), ("@at", FormatInstant(at)), ("@list", entry.ListId), ("@idx", entry.Stored.Entry.Index));
                Execute(connection, "UPDATE status_lists SET version = version + 1 WHERE id = @list;", ("@list", entry.ListId));
            }

            return true;
        });
    }

    /// <inheritdoc/>
    public StoredStatusEntry? Find(InstitutionId institution, string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        return Read(connection => FindEntry(connection, institution, credentialId)?.Stored);
    }

    /// <inheritdoc/>
    public IReadOnlyList<StatusListRecord> Lists() => Read(connection =>
    {
        var lists = new List<StatusListRecord>();
        using var command = Command(connection, ListSelect + " ORDER BY l.institution, l.number;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lists.Add(ReadRecord(reader));
        }

        return lists;
    });

    /// <inheritdoc/>
    public StatusListContent? Read(Uri list)
    {
        ArgumentNullException.ThrowIfNull(list);

        // One read transaction: the entries are those of the version the record says (WAL readers see one snapshot).
        return Read(connection =>
        {
            StatusListRecord record;
            long listId;
            using (var command = Command(connection, ListSelect + " WHERE l.uri = @uri;", ("@uri", list.OriginalString)))
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
            using (var command = Command(connection, "SELECT idx, status FROM status_entries WHERE list_id = @list AND status <> 0;", ("@list", listId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    statuses[reader.GetInt32(0)] = (byte)reader.GetInt32(1);
                }
            }

            return new StatusListContent(record, statuses);
        });
    }

    /// <inheritdoc/>
    public void RecordPublication(StatusListPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        Write(connection =>
        {
            var listId = Scalar(connection, "SELECT id FROM status_lists WHERE uri = @uri;", ("@uri", publication.List.OriginalString))
                ?? throw new StatusListIssuanceException("there is no status list at that address to record a publication of.");

            // Two publishers racing keep the newer: by version, then by iat.
            Execute(
                connection,
                """
                INSERT INTO status_list_publications (list_id, version, issued_at, expires_at, jwt, cwt) VALUES (@list, @version, @iat, @exp, @jwt, @cwt)
                ON CONFLICT (list_id) DO UPDATE SET version = excluded.version, issued_at = excluded.issued_at, expires_at = excluded.expires_at, jwt = excluded.jwt, cwt = excluded.cwt
                WHERE excluded.version > status_list_publications.version
                   OR (excluded.version = status_list_publications.version AND excluded.issued_at > status_list_publications.issued_at);
                """,
                ("@list", listId),
                ("@version", publication.Version),
                ("@iat", FormatInstant(publication.IssuedAt)),
                ("@exp", FormatInstant(publication.ExpiresAt)),
                ("@jwt", publication.Jwt),
                ("@cwt", publication.Cwt));
            return 0;
        });
    }

    /// <inheritdoc/>
    public StatusListPublication? LatestPublication(Uri list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Read(connection =>
        {
            using var command = Command(connection, "SELECT p.version, p.issued_at, p.expires_at, p.jwt, p.cwt FROM status_list_publications p JOIN status_lists l ON l.id = p.list_id WHERE l.uri = @uri;", ("@uri", list.OriginalString));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StatusListPublication(list, reader.GetInt64(0), ParseInstant(reader.GetString(1)), ParseInstant(reader.GetString(2)), reader.GetString(3), (byte[])reader.GetValue(4))
                : null;
        });
    }

    /// <summary>Lets go of the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose() => database.Dispose();

    /// <summary>Instants as fixed-width ISO 8601 UTC text, so they sort as text.</summary>
    internal static string FormatInstant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private const string ListSelect =
        "SELECT l.id, l.uri, l.institution, l.number, l.bits, l.capacity, l.allocated, l.version, p.version AS published_version, p.expires_at AS published_exp " +
        "FROM status_lists l LEFT JOIN status_list_publications p ON p.list_id = l.id";

    private static StatusListRecord ReadRecord(DbDataReader reader) => new(
        new Uri(reader.GetString(reader.GetOrdinal("uri"))),
        InstitutionId.Parse(reader.GetString(reader.GetOrdinal("institution"))),
        reader.GetInt32(reader.GetOrdinal("number")),
        new StatusListShape(reader.GetInt32(reader.GetOrdinal("bits")), reader.GetInt32(reader.GetOrdinal("capacity"))),
        reader.GetInt32(reader.GetOrdinal("allocated")),
        reader.GetInt64(reader.GetOrdinal("version")),
        reader.IsDBNull(reader.GetOrdinal("published_version")) ? null : reader.GetInt64(reader.GetOrdinal("published_version")),
        reader.IsDBNull(reader.GetOrdinal("published_exp")) ? null : ParseInstant(reader.GetString(reader.GetOrdinal("published_exp"))));

    private static (long ListId, string Uri) OpenList(Connection connection, StatusListAllocationRequest request)
    {
        var institution = request.Institution.ToString();
        using (var command = Command(
            connection,
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
        var number = Convert.ToInt32(Scalar(connection, "SELECT COALESCE(MAX(number), 0) + 1 FROM status_lists WHERE institution = @institution;", ("@institution", institution)), CultureInfo.InvariantCulture);
        var uri = request.ListAddress(number).OriginalString;
        var id = Convert.ToInt64(
            Scalar(
                connection,
                "INSERT INTO status_lists (institution, number, uri, bits, capacity, created_at) VALUES (@institution, @number, @uri, @bits, @capacity, @at) RETURNING id;",
                ("@institution", institution),
                ("@number", number),
                ("@uri", uri),
                ("@bits", request.Shape.Bits),
                ("@capacity", request.Shape.Capacity),
                ("@at", FormatInstant(request.At))),
            CultureInfo.InvariantCulture);
        return (id, uri);
    }

    private static (long ListId, StoredStatusEntry Stored)? FindEntry(Connection connection, InstitutionId institution, string credentialId)
    {
        using var command = Command(
            connection,
            "SELECT e.list_id, e.idx, e.status, l.bits, l.uri FROM status_entries e JOIN status_lists l ON l.id = e.list_id WHERE e.institution = @institution AND e.credential_id = @credential;",
            ("@institution", institution.ToString()),
            ("@credential", credentialId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetInt64(0), new StoredStatusEntry(new StatusListEntry(new Uri(reader.GetString(4)), reader.GetInt64(1)), reader.GetInt32(3), (byte)reader.GetInt32(2)))
            : null;
    }

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE: the write lock first, so it never has to be upgraded).</summary>
    private T Write<T>(Func<Connection, T> work) => Run(() => database.Write(null, (connection, transaction) => work(new Connection(connection, transaction))));

    /// <summary>Runs <paramref name="work"/> in one read transaction: one consistent snapshot.</summary>
    private T Read<T>(Func<Connection, T> work) => Run(() => database.Read((connection, transaction) => work(new Connection(connection, transaction))));

    private static T Run<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (DatabaseException e)
        {
            throw new StatusListIssuanceException($"the status list database failed: {e.Message}", e);
        }
    }

    private static object? Scalar(Connection connection, string sql, params (string Name, object? Value)[] parameters) =>
        SqlCommands.Scalar(connection.Database, connection.Transaction, sql, parameters);

    private static int Execute(Connection connection, string sql, params (string Name, object? Value)[] parameters) =>
        SqlCommands.Execute(connection.Database, connection.Transaction, sql, parameters);

    private static DbCommand Command(Connection connection, string sql, params (string Name, object? Value)[] parameters) =>
        SqlCommands.Command(connection.Database, connection.Transaction, sql, parameters);

    /// <summary>A connection with the transaction every command of one operation runs in.</summary>
    private readonly record struct Connection(DbConnection Database, DbTransaction Transaction);
}
