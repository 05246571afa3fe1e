using System.Data;
using System.Data.Common;
using System.Globalization;
using Credentials.Database;
using Credentials.Trust;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Trust.Store;

/// <summary>
/// The persistent trust registry, append-only (<see cref="RegistrySchema"/>): one SQLite file on one machine, or one
/// PostgreSQL database shared by several hosts (<see cref="Open"/> takes either). An import is one transaction, so a
/// crash leaves the previous state; imports from several hosts take turns, each seeing what the one before committed.
/// Readers never wait for a writer (SQLite WAL; PostgreSQL MVCC), and a load reads one consistent snapshot. One
/// instance is one connection: use it from one thread at a time.
/// </summary>
public sealed class RegistryStore : IDisposable
{
    private readonly DatabaseLocation location;
    private readonly SqlDialect dialect;
    private readonly NpgsqlDataSource? dataSource;
    private DbConnection connection;

    private RegistryStore(DatabaseLocation location, DbConnection connection, NpgsqlDataSource? dataSource)
    {
        this.location = location;
        this.connection = connection;
        this.dataSource = dataSource;
        dialect = location.Dialect;
    }

    /// <summary>The first 16 bytes of every SQLite 3 database file.</summary>
    public static ReadOnlySpan<byte> FileHeader => "SQLite format 3\0"u8;

    /// <summary>The registry's schema: its migrations on either dialect, and its tables (for <c>credentials store copy</c>).</summary>
    public static SchemaComponent Schema => RegistrySchema.Component;

    /// <summary>Where the store is, for messages: the file's path, or the PostgreSQL server without user or password.</summary>
    public string Location => location.Display;

    /// <summary>
    /// Opens the registry at <paramref name="location"/> — an SQLite file's path, or a PostgreSQL connection string
    /// (<c>postgres://…</c> or <c>Host=…;Database=…</c>, see <see cref="DatabaseLocation"/>) — creating it when it does not
    /// exist (a file and its folder; PostgreSQL's tables in an existing database), and brings its schema up to date.
    /// Throws an <see cref="IOException"/> with a one-line message naming the file or the server (never a password)
    /// when it cannot be used: a folder, not a database, damaged, read-only, locked, unreachable, refused, from a
    /// newer program.
    /// </summary>
    public static RegistryStore Open(string location, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var where = DatabaseLocation.Parse(location, e => new IOException($"the registry: {e.Message}", e));

        var now = (time ?? TimeProvider.System).GetUtcNow();
        return where.IsPostgreSql ? OpenPostgreSql(where, now) : OpenSqlite(where, now);
    }

    private static RegistryStore OpenSqlite(DatabaseLocation where, DateTimeOffset now)
    {
        var path = where.Path!;
        if (Directory.Exists(path))
        {
            throw new IOException($"the registry '{path}' is a folder, not a database file.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the folder of the registry '{path}' cannot be created.", e);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            SqlCommands.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
            SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, RegistrySchema.Component, now);
            return new RegistryStore(where, connection, null);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException(Describe(path, e), e);
        }
        catch (DatabaseException e)
        {
            connection.Dispose();
            throw new IOException($"the registry '{path}': {e.Message}", e);
        }
    }

    private static RegistryStore OpenPostgreSql(DatabaseLocation where, DateTimeOffset now)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = PostgreSqlConnections.OpenDataSource(where);
        }
        catch (DatabaseException e)
        {
            throw new IOException($"the registry: {e.Message}", e);
        }

        NpgsqlConnection? connection = null;
        try
        {
            connection = dataSource.OpenConnection();
            SchemaMigrator.Migrate(connection, SqlDialect.PostgreSql, RegistrySchema.Component, now);
            return new RegistryStore(where, connection, dataSource);
        }
        catch (Exception e) when (e is NpgsqlException or DatabaseException)
        {
            connection?.Dispose();
            dataSource.Dispose();
            throw new IOException(e is DatabaseException ? $"the registry in {where.Display}: {e.Message}" : $"the registry in {where.Display} cannot be used: {PostgreSqlConnections.Reason(e)}", e);
        }
    }

    /// <summary>Whether a file starts like an SQLite database (false for a folder or a shorter file).</summary>
    public static bool IsDatabaseFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var header = new byte[16];
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == 16 && header.AsSpan().SequenceEqual(FileHeader);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"the registry '{path}' cannot be read: no permission.", e);
        }
    }

    /// <summary>
    /// Brings the store in line with a full list of issuers (the resolver's list), as <see cref="ListedIssuers"/> reads
    /// it: an institution that changed gets a new revision (new lines added, changed validity recorded, what the list no
    /// longer holds carried over as withdrawn); an unchanged one gets none. Refuses a list that would withdraw every
    /// issuer's every certificate; then nothing changes. With <paramref name="syncedWith"/> (the resolver's validators)
    /// the import is recorded as a sync of <paramref name="source"/> in the same transaction.
    /// </summary>
    public ImportReport Import(IReadOnlyList<RegistryIssuer> issuers, string source, DateTimeOffset now, (string? ETag, string? LastModified)? syncedWith = null)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(source);
        var listing = ListedIssuers.Merge(issuers);
        var at = InstitutionRevision.FormatInstant(now);
        return Guard(() => ImportInTurn(listing, source, at, syncedWith));
    }

    /// <summary>The import's one transaction, with the turn every host's import of this registry waits for.</summary>
    private ImportReport ImportInTurn(ListedIssuers listing, string source, string at, (string? ETag, string? LastModified)? syncedWith)
    {
        using var transaction = dialect.BeginWrite(Connection(), "registry-import");
        var current = ReadCurrent(transaction);
        if (listing.Issuers.Count == 0 && current.Values.Any(revision => revision.Listed))
        {
            throw new RegistryImportException("the list holds no issuer: importing it would withdraw every certificate. Nothing was changed.");
        }

        var counts = new ImportCounts();
        var revisions = new List<InstitutionRevision>();
        var listed = new HashSet<(string, string)>();
        foreach (var entries in ByInstitution(listing.Issuers))
        {
            var key = (entries[0].Id.Country.Code, entries[0].Id.LocalId);
            listed.Add(key);
            var previous = current.GetValueOrDefault(key);
            var next = InstitutionRevision.FromListing(entries).Following(previous, at);
            if (!next.SameAs(previous))
            {
                next.CountChanges(previous, counts);
                revisions.Add(next);
            }
        }

        foreach (var (key, previous) in current)
        {
            if (!listed.Contains(key) && previous.Listed)
            {
                var next = previous.Unlisted(at);
                next.CountChanges(previous, counts);
                revisions.Add(next);
            }
        }

        using (var insertCertificate = new Statement(connection, transaction, "INSERT INTO certificates (thumbprint, der, first_seen) VALUES (@t, @d, @at) ON CONFLICT DO NOTHING"))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var certificate in listing.Issuers.SelectMany(issuer => issuer.Certificates))
            {
                if (seen.Add(certificate.Thumbprint))
                {
                    counts.CertificatesAdded += insertCertificate.Run(certificate.Thumbprint, certificate.RawData.ToArray(), at);
                }
            }
        }

        using (var insertIssuer = new Statement(connection, transaction, "INSERT INTO issuers (country, official_id, first_seen) VALUES (@c, @i, @at) ON CONFLICT DO NOTHING"))
        {
            foreach (var revision in revisions)
            {
                insertIssuer.Run(revision.Country, revision.OfficialId, at);
            }
        }

        var report = new ImportReport(counts.IssuersAdded, counts.CertificatesAdded, counts.LinksAdded, counts.LinksChanged, counts.LinksWithdrawn, counts.AccreditationsAdded, counts.AccreditationsWithdrawn)
        {
            NamesChanged = counts.NamesChanged,
            AccreditationsChanged = counts.AccreditationsChanged,
            DuplicatesMerged = listing.MergedDuplicates,
            AmbiguousLinks = listing.AmbiguousLinks,
            Conflicts = listing.Conflicts,
        };
        long importId;
        using (var insertImport = new Statement(connection, transaction, "INSERT INTO imports (at, source, issuers_added, certificates_added, links_added, links_changed, links_withdrawn, accreditations_added, accreditations_withdrawn, names_changed, accreditations_changed, duplicates_merged, ambiguous_links) VALUES (@at, @s, @a, @b, @c, @d, @e, @f, @g, @h, @i, @j, @k) RETURNING id"))
        {
            importId = insertImport.Scalar(at, source, report.IssuersAdded, report.CertificatesAdded, report.LinksAdded, report.LinksChanged, report.LinksWithdrawn, report.AccreditationsAdded, report.AccreditationsWithdrawn, report.NamesChanged, report.AccreditationsChanged, report.DuplicatesMerged, report.AmbiguousLinks);
        }

        AppendRevisions(revisions, importId, transaction);
        if (syncedWith is { } validators)
        {
            using var insertSync = new Statement(connection, transaction, "INSERT INTO sync_events (at, source, outcome, import_id, etag, last_modified) VALUES (@at, @s, 'updated', @i, @e, @m)");
            insertSync.Run(at, source, importId, validators.ETag, validators.LastModified);
        }

        transaction.Commit();
        return report;
    }

    /// <summary>
    /// The registry as a verifier uses it: the latest revision of each institution. Withdrawn lines end at their
    /// withdrawal, so a document issued while they held still verifies and one issued after does not. Its as-of time is
    /// <see cref="RegistryStatus.ConfirmedCurrentAt"/>: the last import, or a later "not modified" sync.
    /// </summary>
    public TrustRegistry Load() => Guard(() =>
    {
        // One snapshot: an import another host commits meanwhile is either wholly in this load or not at all.
        using var transaction = dialect.BeginRead(Connection());
        var certificates = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ForEachRow("SELECT thumbprint, der FROM certificates", transaction, reader => certificates[reader.GetString(0)] = (byte[])reader[1]);
        var issuers = ReadCurrent(transaction).Values
            .OrderBy(revision => revision.Country, StringComparer.Ordinal).ThenBy(revision => revision.OfficialId, StringComparer.Ordinal)
            .SelectMany(revision => revision.ToIssuers(certificates))
            .ToList();
        var registry = new TrustRegistry(issuers, StatusIn(transaction).ConfirmedCurrentAt);
        transaction.Commit();
        return registry;
    });

    /// <summary>The store's size, its last import, its last change, and when its data was last confirmed current.</summary>
    public RegistryStatus Status() => Guard(() =>
    {
        using var transaction = dialect.BeginRead(Connection());
        var status = StatusIn(transaction);
        transaction.Commit();
        return status;
    });

    private RegistryStatus StatusIn(DbTransaction transaction)
    {
        var lastImport = Latest("SELECT at, source FROM imports ORDER BY id DESC LIMIT 1", transaction);
        var lastChange = Latest("SELECT at, source FROM imports i WHERE EXISTS (SELECT 1 FROM issuer_revisions r WHERE r.import_id = i.id) ORDER BY id DESC LIMIT 1", transaction);
        var lastNotModified = Latest("SELECT at, source FROM sync_events WHERE outcome = 'not-modified' ORDER BY id DESC LIMIT 1", transaction);
        var confirmedByNotModified = lastNotModified.At is { } notModifiedAt && (lastImport.At is not { } importAt || notModifiedAt > importAt);
        var confirmed = confirmedByNotModified ? lastNotModified : lastImport;
        var withdrawn = Count("SELECT COUNT(*) FROM revision_certificates c JOIN current_issuer_revisions r ON r.id = c.revision_id WHERE c.withdrawn_at IS NOT NULL", transaction);
        return new RegistryStatus(RegistrySchema.CurrentVersion, Count("SELECT COUNT(*) FROM issuers", transaction), Count("SELECT COUNT(*) FROM certificates", transaction), withdrawn, lastImport.At, lastImport.Source)
        {
            LastChangedAt = lastChange.At,
            LastChangedSource = lastChange.Source,
            ConfirmedCurrentAt = confirmed.At,
            ConfirmedCurrentSource = confirmed.Source,
            ConfirmedByNotModified = confirmedByNotModified,
        };
    }

    /// <summary>What the resolver at <paramref name="url"/> last answered: its validators, for a conditional request; null before the first sync.</summary>
    public (string? ETag, string? LastModified)? GetSyncState(string url) => Guard(() =>
    {
        (string?, string?)? state = null;
        Connection();
        ForEachRow("SELECT etag, last_modified FROM sync_events WHERE source = @u ORDER BY id DESC LIMIT 1", null, reader => state = (Text(reader, 0), Text(reader, 1)), ("@u", url));
        return state;
    });

    /// <summary>
    /// Records that the resolver at <paramref name="url"/> answered "not modified" at <paramref name="now"/>: the data
    /// is confirmed current as of then (an appended sync event; the registry's content is unchanged).
    /// </summary>
    public void RecordNotModified(string url, string? etag, string? lastModified, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        Guard(() =>
        {
            using var insert = new Statement(Connection(), null, "INSERT INTO sync_events (at, source, outcome, etag, last_modified) VALUES (@at, @s, 'not-modified', @e, @m)");
            return insert.Run(InstitutionRevision.FormatInstant(now), url, etag, lastModified);
        });
    }

    /// <summary>Reserves the next snapshot sequence number (1, 2, …), never handed out twice.</summary>
    public long NextSnapshotSequence(DateTimeOffset now) => Guard(() =>
    {
        using var insert = new Statement(Connection(), null, "INSERT INTO snapshots (at) VALUES (@at) RETURNING seq");
        return insert.Scalar(InstitutionRevision.FormatInstant(now));
    });

    /// <summary>
    /// A number that changes whenever another connection (another program, another host, or another store on the same
    /// database) has committed a change since this store's previous call: a cheap way for a long-running reader to know
    /// when to load again. On SQLite the file's <c>PRAGMA data_version</c>; on PostgreSQL the newest import and sync
    /// event (the store only appends, so any change moves one of them).
    /// </summary>
    public long DataVersion() => Guard(() => Convert.ToInt64(
        SqlCommands.Scalar(
            Connection(),
            null,
            dialect.Choose(
                "PRAGMA data_version;",
                "SELECT (SELECT COALESCE(MAX(id), 0) FROM imports) * 4294967296 + (SELECT COALESCE(MAX(id), 0) FROM sync_events);")),
        CultureInfo.InvariantCulture));

    /// <summary>Closes the database connection (and, on PostgreSQL, its data source).</summary>
    public void Dispose()
    {
        connection.Dispose();
        dataSource?.Dispose();
    }

    /// <summary>The store's connection, open: on PostgreSQL one the server or the network closed is opened again.</summary>
    private DbConnection Connection()
    {
        if (connection.State != ConnectionState.Open && dataSource is not null)
        {
            connection.Dispose();
            connection = dataSource.OpenConnection();
        }

        return connection;
    }

    /// <summary>Runs a store operation; a database failure becomes one <see cref="IOException"/> line naming the store.</summary>
    private T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException e)
        {
            throw new IOException(Describe(location.Display, e), e);
        }
        catch (NpgsqlException e)
        {
            throw new IOException($"the registry in {location.Display} failed: {PostgreSqlConnections.Reason(e)}", e);
        }
    }

    private static string Describe(string path, SqliteException e) => (e.SqliteErrorCode & 0xff) switch
    {
        26 => $"the registry '{path}' is not a registry database (not an SQLite file).",
        11 => $"the registry '{path}' is a damaged database: restore it from a backup, or import the list into a new file.",
        14 => $"the registry '{path}' cannot be opened: check that its folder exists and may be written.",
        8 => $"the registry '{path}' is read-only: the registry needs to write to it and, for its journal, beside it.",
        5 or 6 => $"the registry '{path}' is locked by another program: try again when it has finished.",
        var code => $"the registry '{path}' cannot be used (SQLite error {code}).",
    };

    /// <summary>A list's institutions, each with its entries (one, unless the list gives it in conflicting versions), in the list's order.</summary>
    private static List<List<RegistryIssuer>> ByInstitution(IReadOnlyList<RegistryIssuer> issuers)
    {
        var groups = new Dictionary<Credentials.Model.InstitutionId, List<RegistryIssuer>>(issuers.Count);
        var order = new List<List<RegistryIssuer>>(issuers.Count);
        foreach (var issuer in issuers)
        {
            if (!groups.TryGetValue(issuer.Id, out var entries))
            {
                groups[issuer.Id] = entries = [];
                order.Add(entries);
            }

            entries.Add(issuer);
        }

        return order;
    }

    /// <summary>The latest revision of every institution, with its lines in the order they were written.</summary>
    private Dictionary<(string, string), InstitutionRevision> ReadCurrent(DbTransaction transaction)
    {
        var byId = new Dictionary<long, InstitutionRevision>();
        ForEachRow("SELECT id, country, official_id, listed FROM current_issuer_revisions", transaction, reader =>
            byId[reader.GetInt64(0)] = new InstitutionRevision(reader.GetString(1), reader.GetString(2), reader.GetInt32(3) != 0));
        ForEachRow("SELECT e.revision_id, e.name FROM current_issuer_revisions r JOIN revision_entries e ON e.revision_id = r.id ORDER BY e.revision_id, e.entry", transaction, reader =>
            byId[reader.GetInt64(0)].Names.Add(reader.GetString(1)));
        ForEachRow("SELECT c.revision_id, c.entry, c.thumbprint, c.valid_from, c.valid_until, c.withdrawn_at FROM current_issuer_revisions r JOIN revision_certificates c ON c.revision_id = r.id ORDER BY c.id", transaction, reader =>
            byId[reader.GetInt64(0)].Certificates.Add(new InstitutionRevision.CertificateLine(reader.GetInt32(1), reader.GetString(2), Text(reader, 3), Text(reader, 4), Text(reader, 5))));
        ForEachRow("SELECT a.revision_id, a.entry, a.portable_document, a.valid_from, a.valid_until, a.withdrawn_at FROM current_issuer_revisions r JOIN revision_accreditations a ON a.revision_id = r.id ORDER BY a.id", transaction, reader =>
            byId[reader.GetInt64(0)].Periods.Add(new InstitutionRevision.PeriodLine(reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Text(reader, 4), Text(reader, 5))));
        return byId.Values.ToDictionary(revision => (revision.Country, revision.OfficialId));
    }

    private void AppendRevisions(List<InstitutionRevision> revisions, long importId, DbTransaction transaction)
    {
        using var insertRevision = new Statement(connection, transaction, "INSERT INTO issuer_revisions (import_id, country, official_id, listed) VALUES (@i, @c, @o, @l) RETURNING id");
        using var insertEntry = new Statement(connection, transaction, "INSERT INTO revision_entries (revision_id, entry, name) VALUES (@r, @e, @n)");
        using var insertCertificate = new Statement(connection, transaction, "INSERT INTO revision_certificates (revision_id, entry, thumbprint, valid_from, valid_until, withdrawn_at) VALUES (@r, @e, @t, @f, @u, @w)");
        using var insertPeriod = new Statement(connection, transaction, "INSERT INTO revision_accreditations (revision_id, entry, portable_document, valid_from, valid_until, withdrawn_at) VALUES (@r, @e, @p, @f, @u, @w)");
        foreach (var revision in revisions)
        {
            var id = insertRevision.Scalar(importId, revision.Country, revision.OfficialId, revision.Listed ? 1 : 0);
            for (var entry = 0; entry < revision.Names.Count; entry++)
            {
                insertEntry.Run(id, entry, revision.Names[entry]);
            }

            foreach (var line in revision.Certificates)
            {
                insertCertificate.Run(id, line.Entry, line.Thumbprint, line.ValidFrom, line.ValidUntil, line.WithdrawnAt);
            }

            foreach (var line in revision.Periods)
            {
                insertPeriod.Run(id, line.Entry, line.Document, line.ValidFrom, line.ValidUntil, line.WithdrawnAt);
            }
        }
    }

    private (DateTimeOffset? At, string? Source) Latest(string sql, DbTransaction transaction)
    {
        (DateTimeOffset?, string?) latest = (null, null);
        ForEachRow(sql, transaction, reader => latest = (InstitutionRevision.ParseInstant(reader.GetString(0)), reader.GetString(1)));
        return latest;
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private int Count(string sql, DbTransaction transaction) => Convert.ToInt32(SqlCommands.Scalar(connection, transaction, sql), CultureInfo.InvariantCulture);

    private void ForEachRow(string sql, DbTransaction? transaction, Action<DbDataReader> row, (string Name, string Value)? parameter = null)
    {
        using var command = parameter is { } named ? SqlCommands.Command(connection, transaction, sql, (named.Name, named.Value)) : SqlCommands.Command(connection, transaction, sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    /// <summary>A prepared statement run many times with new values for its parameters, in the order they appear.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly DbCommand command;

        public Statement(DbConnection connection, DbTransaction? transaction, string sql)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, "@[a-z]+").Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }

        public int Run(params object?[] values)
        {
            Bind(values);
            return command.ExecuteNonQuery();
        }

        public long Scalar(params object?[] values)
        {
            Bind(values);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public void Dispose() => command.Dispose();

        private void Bind(object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }
    }
}
