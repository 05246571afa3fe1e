using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Credentials.Storage;

/// <summary>
/// The one schema-version mechanism of the issuer's state database: each component (status lists, issued documents,
/// later offers and nonces …) keeps its applied version as rows of <c>schema_versions</c>, and its migrations only
/// ever append. Migrating is one write transaction, so two processes opening one new file apply each step once.
/// </summary>
internal static class ComponentSchema
{
    /// <summary>Applies the component's missing migrations; throws <see cref="InvalidOperationException"/> when the file is newer than this program.</summary>
    public static void Migrate(SqliteConnection connection, string component, IReadOnlyList<string> migrations, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version));");
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions WHERE component = $component;";
            select.Parameters.AddWithValue("$component", component);
            var applied = Convert.ToInt32(select.ExecuteScalar(), CultureInfo.InvariantCulture);
            if (applied > migrations.Count)
            {
                throw new InvalidOperationException($"the database's {component.Replace('_', ' ')} are at schema version {applied}, newer than this program's {migrations.Count}: update the program.");
            }

            for (var next = applied; next < migrations.Count; next++)
            {
                Execute(connection, transaction, migrations[next]);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_versions (component, version, applied_at) VALUES ($component, $version, $at);";
                record.Parameters.AddWithValue("$component", component);
                record.Parameters.AddWithValue("$version", next + 1);
                record.Parameters.AddWithValue("$at", FormatInstant(now));
                record.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>Instants as fixed-width ISO 8601 UTC text, so they sort as text.</summary>
    public static string FormatInstant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads what <see cref="FormatInstant"/> wrote.</summary>
    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
