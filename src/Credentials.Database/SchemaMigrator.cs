using System.Data.Common;
using System.Globalization;

namespace Credentials.Database;

/// <summary>
/// Brings a component's schema up to this program's version, one step per transaction, on either dialect. Each step
/// runs while the migrating connection has its turn (<see cref="SqlDialect.BeginWrite"/>: SQLite's write lock, or
/// PostgreSQL's advisory lock <c>credentials:schema</c>), reading the applied version again inside it: several hosts
/// opening one database at once apply each step once, the later ones finding the work done. A database at a newer
/// version than this program is refused, and nothing is changed.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The table of applied versions: one row per component and step.</summary>
    public const string VersionsTable = "schema_versions";

    private const string CreateVersionsTable =
        "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version));";

    /// <summary>
    /// Applies the component's missing steps and returns how many this call applied (0 when the database was up to
    /// date, or another host applied them first). Throws <see cref="DatabaseException"/> when the database is newer.
    /// </summary>
    public static int Migrate(DbConnection connection, SqlDialect dialect, SchemaComponent component, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(component);

        // A look first, without taking a turn: opening an up-to-date database writes nothing and waits for no one.
        if (AppliedVersion(connection, dialect, component, null) == component.CurrentVersion)
        {
            return 0;
        }

        var applied = 0;
        while (true)
        {
            using var transaction = dialect.BeginWrite(connection, "schema");
            if (!UsesUserVersion(dialect, component))
            {
                SqlCommands.Execute(connection, transaction, CreateVersionsTable);
            }

            var version = AppliedVersion(connection, dialect, component, transaction);
            if (version == component.CurrentVersion)
            {
                transaction.Commit();
                return applied;
            }

            SqlCommands.Execute(connection, transaction, component.Migrations[version].Sql(dialect));
            Record(connection, dialect, component, transaction, version + 1, now);
            transaction.Commit();
            applied++;
        }
    }

    /// <summary>
    /// The component's applied version (0 for a database that has never held it). Throws
    /// <see cref="DatabaseException"/> when it is newer than this program's.
    /// </summary>
    public static int AppliedVersion(DbConnection connection, SqlDialect dialect, SchemaComponent component, DbTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(component);
        int version;
        if (UsesUserVersion(dialect, component))
        {
            version = Convert.ToInt32(SqlCommands.Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        }
        else if (!dialect.TableExists(connection, transaction, VersionsTable))
        {
            version = 0;
        }
        else
        {
            version = Convert.ToInt32(SqlCommands.Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE component = @component;", ("@component", component.Name)), CultureInfo.InvariantCulture);
        }

        return version <= component.CurrentVersion
            ? version
            : throw new DatabaseException($"the database holds {component.Title} at schema version {version}, newer than this program's {component.CurrentVersion}: update the program.");
    }

    private static bool UsesUserVersion(SqlDialect dialect, SchemaComponent component) => component.SqliteUserVersion && dialect == SqlDialect.Sqlite;

    private static void Record(DbConnection connection, SqlDialect dialect, SchemaComponent component, DbTransaction transaction, int version, DateTimeOffset now)
    {
        if (UsesUserVersion(dialect, component))
        {
            // A pragma takes no parameters; the value is our own integer.
            SqlCommands.Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version};"));
            return;
        }

        SqlCommands.Execute(
            connection,
            transaction,
            "INSERT INTO schema_versions (component, version, applied_at) VALUES (@component, @version, @at);",
            ("@component", component.Name),
            ("@version", version),
            ("@at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)));
    }
}
