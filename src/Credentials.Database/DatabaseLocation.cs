using System.Globalization;
using Npgsql;

namespace Credentials.Database;

/// <summary>
/// Where a store keeps its state, from the one string an operator gives: a PostgreSQL connection string — a URL
/// (<c>postgres://user:password@host:5432/database?sslmode=require</c>, <c>postgresql://…</c>) or keywords
/// (<c>Host=db;Username=…;Password=…;Database=…</c>) — for several hosts sharing one state, or else the path of an
/// SQLite file for one machine. <see cref="ToString"/> and <see cref="Display"/> never hold a password.
/// </summary>
public sealed class DatabaseLocation
{
    private readonly string? connectionString;

    private DatabaseLocation(SqlDialect dialect, string? path, string? connectionString, string display)
    {
        Dialect = dialect;
        Path = path;
        this.connectionString = connectionString;
        Display = display;
    }

    /// <summary>The kind of database.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Whether the state is in PostgreSQL.</summary>
    public bool IsPostgreSql => Dialect == SqlDialect.PostgreSql;

    /// <summary>The SQLite file's path, as given; null for PostgreSQL.</summary>
    public string? Path { get; }

    /// <summary>
    /// The location for people and logs: the file's path, or <c>PostgreSQL at host:port/database</c>, without user
    /// name or password.
    /// </summary>
    public string Display { get; }

    /// <summary>
    /// As <see cref="Parse(string)"/>, but a string that cannot be read is thrown as the caller's own exception, made by
    /// <paramref name="refusal"/> from the one-line reason: each store names itself ("the registry: …").
    /// </summary>
    public static DatabaseLocation Parse(string location, Func<DatabaseException, Exception> refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        try
        {
            return Parse(location);
        }
        catch (DatabaseException e)
        {
            throw refusal(e);
        }
    }

    /// <summary>
    /// Reads <paramref name="location"/>: a <c>postgres://</c> or <c>postgresql://</c> URL, or a connection string with
    /// a <c>Host</c> (or <c>Server</c>) keyword, is PostgreSQL; anything else is an SQLite file's path. Throws
    /// <see cref="DatabaseException"/> (one line, no password) for a PostgreSQL string that cannot be read.
    /// </summary>
    public static DatabaseLocation Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var trimmed = location.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(FromUrl(trimmed));
        }

        if (LooksLikeKeywords(trimmed))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(trimmed);
            }
            catch (ArgumentException)
            {
                // The builder's message may quote the string, password and all: name the problem only.
                throw new DatabaseException("the PostgreSQL connection string cannot be read: give Host=…;Database=…;Username=… keywords (or a postgres:// URL).");
            }

            return PostgreSql(builder);
        }

        return new DatabaseLocation(SqlDialect.Sqlite, location, null, location);
    }

    /// <summary>Whether <paramref name="location"/> names PostgreSQL rather than an SQLite file (see <see cref="Parse(string)"/>).</summary>
    public static bool IsPostgreSqlLocation(string location) =>
        !string.IsNullOrWhiteSpace(location)
        && (location.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || location.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || LooksLikeKeywords(location.Trim()));

    /// <summary>The connection string Npgsql opens with (password included): for the connection only, never for a message.</summary>
    public string PostgreSqlConnectionString => connectionString ?? throw new InvalidOperationException($"{Display} is an SQLite file, not PostgreSQL.");

    /// <inheritdoc/>
    public override string ToString() => Display;

    private static DatabaseLocation PostgreSql(NpgsqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new DatabaseException("the PostgreSQL connection string names no host (Host=…).");
        }

        var database = string.IsNullOrEmpty(builder.Database) ? string.Empty : "/" + builder.Database;
        var port = builder.Host.Contains(':', StringComparison.Ordinal) || builder.Host.Contains(',', StringComparison.Ordinal) ? string.Empty : ":" + builder.Port.ToString(CultureInfo.InvariantCulture);
        return new DatabaseLocation(SqlDialect.PostgreSql, null, builder.ConnectionString, $"PostgreSQL at {builder.Host}{port}{database}");
    }

    /// <summary><c>Host=…</c> or <c>Server=…</c> among <c>key=value;</c> pairs: a file path rarely starts so.</summary>
    private static bool LooksLikeKeywords(string text)
    {
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals].Trim() is var key
                && (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A libpq-style URL as Npgsql keywords: user and password (percent-decoded), host, port, database, and query parameters as keywords.</summary>
    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new DatabaseException("the PostgreSQL URL cannot be read: give postgres://user:password@host:port/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? parameter : parameter[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(parameter[(equals + 1)..]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                value = value.Replace("-", string.Empty, StringComparison.Ordinal); // verify-full is Npgsql's VerifyFull
            }

            try
            {
                // libpq's names where Npgsql's differ; the rest (e.g. "Timeout") as Npgsql keywords.
                builder[key.ToLowerInvariant() switch
                {
                    "sslmode" => "SSL Mode",
                    "application_name" => "Application Name",
                    "connect_timeout" => "Timeout",
                    "options" => "Options",
                    _ => key,
                }] = value;
            }
            catch (ArgumentException)
            {
                throw new DatabaseException($"the PostgreSQL URL has a parameter this program does not know: '{key}'.");
            }
        }

        return builder;
    }
}
