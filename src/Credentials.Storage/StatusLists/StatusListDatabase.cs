using Credentials.Database;
using Credentials.Wallet.StatusLists;

namespace Credentials.Storage.StatusLists;

/// <summary>Opens the status lists where the issuer's state is: an SQLite file or a PostgreSQL database.</summary>
public static class StatusListDatabase
{
    /// <summary>
    /// Opens the store at <paramref name="location"/> (an SQLite file's path, created when missing, or a PostgreSQL
    /// connection string, see <see cref="DatabaseLocation.Parse(string)"/>) and applies its missing migrations. Throws
    /// <see cref="StatusListIssuanceException"/> with a one-line reason that never shows a password.
    /// </summary>
    public static IStatusListDatabase Open(string location, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return Open(DatabaseLocation.Parse(location, e => new StatusListIssuanceException($"the status list database: {e.Message}", e)), time);
    }

    /// <summary>As <see cref="Open(string, TimeProvider)"/>, from a parsed location.</summary>
    public static IStatusListDatabase Open(DatabaseLocation location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsPostgreSql
            ? PostgresStatusListStore.Open(location.PostgreSqlConnectionString, time)
            : SqliteStatusListStore.Open(location.Path!, time);
    }
}
