using System.Data.Common;
using Credentials.Database;
using Credentials.Storage.StatusLists;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Storage.Accounts;

/// <summary>
/// The database the account stores share, opened from the one string an operator gives (<see cref="DatabaseLocation"/>:
/// an SQLite file's path, or a PostgreSQL connection string) with <see cref="AccountSchema"/> brought up to date. Each
/// operation takes its own pooled connection, so one instance is safe to share between threads and between hosts'
/// requests; writes take their turn (<see cref="SqlDialect.BeginWrite"/>). Failures are <see cref="AccountStoreException"/>s
/// in one line that names the file or the server, never a password.
/// </summary>
internal sealed class AccountDatabase : IDisposable
{
    private readonly string? sqliteConnectionString;
    private readonly NpgsqlDataSource? dataSource;

    private AccountDatabase(DatabaseLocation location, string? sqliteConnectionString, NpgsqlDataSource? dataSource)
    {
        Location = location;
        this.sqliteConnectionString = sqliteConnectionString;
        this.dataSource = dataSource;
    }

    /// <summary>Where the state is, for messages: the file's path, or the PostgreSQL server without user or password.</summary>
    public DatabaseLocation Location { get; }

    /// <summary>The kind of database.</summary>
    public SqlDialect Dialect => Location.Dialect;

    /// <summary>Opens (an SQLite file and its folder are created when missing) and migrates the accounts' tables.</summary>
    public static AccountDatabase Open(string location, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ArgumentNullException.ThrowIfNull(time);
        var where = DatabaseLocation.Parse(location, e => new AccountStoreException($"the state database: {e.Message}", e));

        return where.IsPostgreSql ? OpenPostgreSql(where, time) : OpenSqlite(where, time);
    }

    private static AccountDatabase OpenSqlite(DatabaseLocation where, TimeProvider time)
    {
        var path = where.Path!;
        if (Directory.Exists(path))
        {
            throw new AccountStoreException($"the state database '{path}' is a folder, not a database file.");
        }

        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AccountStoreException($"the folder of the state database '{path}' cannot be created.", e);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)SqliteStatusListStore.BusyTimeout.TotalSeconds,
        }.ToString();
        var database = new AccountDatabase(where, connectionString, null);
        try
        {
            using var connection = database.Connect();
            SqlCommands.Execute(connection, null, "PRAGMA journal_mode = WAL;");
            SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, AccountSchema.Component, time.GetUtcNow());
            return database;
        }
        catch (AccountStoreException)
        {
            database.Dispose();
            throw;
        }
        catch (DatabaseException e)
        {
            database.Dispose();
            throw new AccountStoreException($"the state database '{path}': {e.Message}", e);
        }
        catch (SqliteException e)
        {
            database.Dispose();
            throw new AccountStoreException($"the state database '{path}' cannot be used: {DescribeSqlite(e)}", e);
        }
    }

    private static AccountDatabase OpenPostgreSql(DatabaseLocation where, TimeProvider time)
    {
        NpgsqlDataSource source;
        try
        {
            source = PostgreSqlConnections.OpenDataSource(where);
        }
        catch (DatabaseException e)
        {
            throw new AccountStoreException($"the state database: {e.Message}", e);
        }

        var database = new AccountDatabase(where, null, source);
        try
        {
            using var connection = database.Connect();
            SchemaMigrator.Migrate(connection, SqlDialect.PostgreSql, AccountSchema.Component, time.GetUtcNow());
            return database;
        }
        catch (AccountStoreException)
        {
            database.Dispose();
            throw;
        }
        catch (DatabaseException e)
        {
            database.Dispose();
            throw new AccountStoreException($"the state database in {where.Display}: {e.Message}", e);
        }
        catch (NpgsqlException e)
        {
            database.Dispose();
            throw new AccountStoreException($"the state database in {where.Display} cannot be used: {PostgreSqlConnections.Reason(e)}", e);
        }
    }

    /// <summary>Runs <paramref name="read"/> on a connection of its own; the database's failures as one line.</summary>
    public T Read<T>(Func<DbConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Guard(() =>
        {
            using var connection = Connect();
            return read(connection);
        });
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one write transaction holding the turn <paramref name="turn"/> (on SQLite the
    /// file's write lock), committed when it returns; the database's failures as one line.
    /// </summary>
    public T Write<T>(string turn, Func<DbConnection, DbTransaction, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Guard(() =>
        {
            using var connection = Connect();
            using var transaction = Dialect.BeginWrite(connection, turn);
            var result = write(connection, transaction);
            transaction.Commit();
            return result;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => dataSource?.Dispose();

    private DbConnection Connect()
    {
        DbConnection connection = dataSource is not null ? dataSource.CreateConnection() : new SqliteConnection(sqliteConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw new AccountStoreException($"the state database '{Location.Display}' cannot be used: {DescribeSqlite(e)}", e);
        }
        catch (NpgsqlException e)
        {
            throw new AccountStoreException($"the state database in {Location.Display} cannot be used: {PostgreSqlConnections.Reason(e)}", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is NpgsqlException inner)
        {
            throw new AccountStoreException($"the state database in {Location.Display} cannot be used: {PostgreSqlConnections.Reason(inner)}", e);
        }
    }

    private static string DescribeSqlite(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => "another program holds it locked; try again.",
        8 => "it is read-only (check the file's permissions).",
        11 or 26 => "it is damaged or not a database file.",
        13 => "the disk is full.",
        14 => "it cannot be opened (check the path and the folder's permissions).",
        _ => $"SQLite error {e.SqliteErrorCode}.",
    };
}
