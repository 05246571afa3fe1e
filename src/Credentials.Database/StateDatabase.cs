using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Database;

/// <summary>
/// A store's database, opened once from a <see cref="DatabaseLocation"/>: an SQLite file (created with its folder when
/// missing, in WAL mode, pooled connections with a busy timeout and foreign keys on) or a pooled PostgreSQL data
/// source, with the store's schema components brought up to date. Each unit of work takes its own connection and
/// transaction, so one instance is safe to share between threads; writers take their turn
/// (<see cref="SqlDialect.BeginWrite"/>). Failures are <see cref="DatabaseException"/>s whose message is the reason
/// alone, in one line without a password, for the store to prefix with what it keeps.
/// </summary>
public sealed class StateDatabase : IDisposable
{
    /// <summary>How long an SQLite writer waits for another to finish before the work fails as busy.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SQLite has one writer per file at a time, and a writer that finds the file locked waits in SQLite's busy
    /// handler, which sleeps and retries (1, 2, 5, 10 ms and longer): eight requests writing at once would wait
    /// milliseconds, some hundreds, for a lock held for a fraction of one. This process's writers of one file (every
    /// store over it, whichever instance) take their turn here instead and start the moment the one before commits;
    /// the busy timeout still covers another process writing the same file. Keyed by the file's full path.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriteTurns = new(StringComparer.Ordinal);

    private readonly string? sqliteConnectionString;
    private readonly NpgsqlDataSource? dataSource;
    private readonly SemaphoreSlim? sqliteWriteTurn;
    private readonly string connectionSettings;

    private StateDatabase(DatabaseLocation location, string? sqliteConnectionString, NpgsqlDataSource? dataSource, SqliteDurability durability)
    {
        Location = location;
        connectionSettings = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};" + (durability == SqliteDurability.Normal ? " PRAGMA synchronous = NORMAL;" : string.Empty);
        this.sqliteConnectionString = sqliteConnectionString;
        this.dataSource = dataSource;
        sqliteWriteTurn = location.IsPostgreSql ? null : SqliteWriteTurns.GetOrAdd(System.IO.Path.GetFullPath(location.Path!), _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Where the state is.</summary>
    public DatabaseLocation Location { get; }

    /// <summary>The kind of database.</summary>
    public SqlDialect Dialect => Location.Dialect;

    /// <summary>
    /// Opens <paramref name="location"/> and applies the missing steps of each of <paramref name="components"/>, in
    /// order (several hosts opening one database at once apply each step once). Throws <see cref="DatabaseException"/>.
    /// </summary>
    public static StateDatabase Open(DatabaseLocation location, IReadOnlyList<SchemaComponent> components, DateTimeOffset now, SqliteDurability durability = SqliteDurability.Full)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(components);
        StateDatabase? database = null;
        try
        {
            database = location.IsPostgreSql
                ? new StateDatabase(location, null, PostgreSqlConnections.OpenDataSource(location), durability)
                : new StateDatabase(location, SqliteConnectionString(location.Path!), null, durability);
            using var connection = database.Connect();
            if (!location.IsPostgreSql)
            {
                // WAL; synchronous as the store asks (SqliteDurability), set on each connection it opens.
                SqlCommands.Execute(connection, null, "PRAGMA journal_mode = WAL;");
            }

            foreach (var component in components)
            {
                SchemaMigrator.Migrate(connection, location.Dialect, component, now);
            }

            return database;
        }
        catch (DatabaseException)
        {
            database?.Dispose();
            throw;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            database?.Dispose();
            throw new DatabaseException(Reason(e), e);
        }
    }

    /// <summary>
    /// "the <paramref name="what"/> 'file.db' cannot be used: reason" for an SQLite file, "the <paramref name="what"/>
    /// cannot be used: reason" for PostgreSQL (whose reasons name the server where it matters).
    /// </summary>
    public static string CannotUse(string what, DatabaseLocation location, DatabaseException failure)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(failure);
        return location.IsPostgreSql
            ? $"the {what} cannot be used: {failure.Message}"
            : $"the {what} '{System.IO.Path.GetFileName(location.Path)}' cannot be used: {failure.Message}";
    }

    /// <summary>What a database failure means, in one sentence without the connection string or any value.</summary>
    public static string Reason(Exception failure) => failure switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => "it stayed locked by another writer for longer than the busy timeout.",
        SqliteException { SqliteErrorCode: 26 } => "the file is not an SQLite database.",
        SqliteException { SqliteErrorCode: 11 } => "the database file is damaged.",
        SqliteException { SqliteErrorCode: 8 or 14 } => "the file cannot be opened for writing.",
        SqliteException { SqliteErrorCode: 13 } => "the disk is full.",
        SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23505" } => "a record with this id exists already.",
        SqliteException s => $"SQLite error {s.SqliteErrorCode}.",
        NpgsqlException or TimeoutException => PostgreSqlConnections.Reason(failure),
        InvalidOperationException { InnerException: NpgsqlException inner } => PostgreSqlConnections.Reason(inner),
        IOException or UnauthorizedAccessException => "its folder cannot be created or written.",
        _ => "it cannot be opened.",
    };

    /// <summary>Runs <paramref name="read"/> in one read transaction: one consistent snapshot for all its statements.</summary>
    public T Read<T>(Func<DbConnection, DbTransaction, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Guard(() =>
        {
            using var connection = Connect();
            using var transaction = Dialect.BeginRead(connection);
            var result = read(connection, transaction);
            transaction.Commit();
            return result;
        });
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one write transaction, committed when it returns. On SQLite it holds the
    /// file's write lock from the start; on PostgreSQL it is read committed, holding the advisory lock named
    /// <paramref name="turn"/> when one is given (so every host doing that work waits for the one before it), else
    /// relying on its statements' row locks.
    /// </summary>
    public T Write<T>(string? turn, Func<DbConnection, DbTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (sqliteWriteTurn is null)
        {
            return WriteNow(turn, write);
        }

        sqliteWriteTurn.Wait();
        try
        {
            return WriteNow(turn, write);
        }
        finally
        {
            sqliteWriteTurn.Release();
        }
    }

    private T WriteNow<T>(string? turn, Func<DbConnection, DbTransaction, T> write)
    {
        return Guard(() =>
        {
            using var connection = Connect();
            using var transaction = turn is not null || Dialect == SqlDialect.Sqlite
                ? Dialect.BeginWrite(connection, turn ?? "write")
                : connection.BeginTransaction(IsolationLevel.ReadCommitted);
            var result = write(connection, transaction);
            transaction.Commit();
            return result;
        });
    }

    /// <summary>Lets go of the pooled connections (an SQLite file can then be moved or deleted).</summary>
    public void Dispose()
    {
        if (dataSource is not null)
        {
            dataSource.Dispose();
            return;
        }

        using var connection = new SqliteConnection(sqliteConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string SqliteConnectionString(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    private DbConnection Connect()
    {
        if (dataSource is not null)
        {
            return dataSource.OpenConnection();
        }

        var connection = new SqliteConnection(sqliteConnectionString);
        try
        {
            connection.Open();
            SqlCommands.Execute(connection, null, connectionSettings);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is DbException or TimeoutException || e is InvalidOperationException { InnerException: NpgsqlException })
        {
            throw new DatabaseException(Reason(e), e);
        }
    }
}
