using System.Net.Sockets;
using Npgsql;

namespace Credentials.Database;

/// <summary>
/// Opening PostgreSQL for a store, and its failures as one line that names the server (host, port, database) and
/// never the connection string: Npgsql's own messages are not passed on, only what they mean for an operator.
/// </summary>
public static class PostgreSqlConnections
{
    /// <summary>
    /// A pooled data source for <paramref name="location"/> (thread-safe; each operation opens a connection from it),
    /// after one connection proved the server reachable. Throws <see cref="DatabaseException"/>: "cannot connect to
    /// PostgreSQL at host:port/database: …".
    /// </summary>
    public static NpgsqlDataSource OpenDataSource(DatabaseLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var builder = new NpgsqlConnectionStringBuilder(location.PostgreSqlConnectionString);
        builder.ApplicationName ??= "credentials";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            using var probe = dataSource.OpenConnection();
            return dataSource;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            dataSource.Dispose();
            throw new DatabaseException(CannotConnect(location, e), e);
        }
    }

    /// <summary>"cannot connect to PostgreSQL at host:port/database: reason."</summary>
    public static string CannotConnect(DatabaseLocation location, Exception e)
    {
        ArgumentNullException.ThrowIfNull(location);
        return $"cannot connect to {location.Display}: {Reason(e)}";
    }

    /// <summary>What a PostgreSQL failure means, in one sentence without the connection string or any value.</summary>
    public static string Reason(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => "the user name or password was refused.",
            PostgresException { SqlState: "3D000" } => "the database does not exist (create it first).",
            PostgresException { SqlState: "42501" } => "permission denied: the user may not do this in that database.",
            PostgresException { SqlState: "53300" } => "the server has too many connections.",
            PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => "the server is shutting down or starting up.",
            PostgresException { SqlState: "40001" or "40P01" } => "the transaction met a concurrent one and was rolled back; try again.",
            PostgresException postgres => $"the server answered {postgres.SqlState}: {OneLine(postgres.MessageText)}",
            NpgsqlException { InnerException: SocketException socket } => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (is the server running, and listening there?).",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name is not known.",
                SocketError.TimedOut => "no answer in time.",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the host cannot be reached.",
                var code => $"network error ({code}).",
            },
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => "no answer in time.",
            NpgsqlException { InnerException: System.Security.Authentication.AuthenticationException } => "the TLS handshake failed (check SSL Mode and the server's certificate).",
            NpgsqlException { InnerException: IOException } => "the connection was closed by the server.",
            _ => "the connection failed.",
        };
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
