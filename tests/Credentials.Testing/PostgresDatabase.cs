using System.Globalization;
using Npgsql;

namespace Credentials.Testing;

/// <summary>
/// A real PostgreSQL database for one test class (<c>IClassFixture&lt;PostgresDatabase&gt;</c>): created on first use
/// on the server that <see cref="Variable"/> names, dropped when the class is done. Without the variable a test that
/// calls <see cref="Require"/> is skipped with the reason (it fails under <c>CI=true</c>, where <c>.ci/run</c> starts
/// a server: <c>eval "$(.ci/postgres.sh start)"</c> does the same on a developer's machine). Each test takes a schema
/// of its own (<see cref="NewSchema"/>), so the tests of a class share the database and never each other's tables.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    /// <summary>The environment variable with the connection string of a role that may create databases.</summary>
    public const string Variable = "CREDENTIALS_TEST_POSTGRES";

    private readonly Lock gate = new();
    private readonly string? server = Environment.GetEnvironmentVariable(Variable);
    private string? database;
    private int schemas;

    /// <summary>Whether a server is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(server);

    /// <summary>
    /// The connection string of this class's database, created on the first call; skips the test (fails it under CI)
    /// when no server is configured.
    /// </summary>
    public string Require()
    {
        TestEnvironment.Require(IsConfigured, $"a PostgreSQL server ({Variable}; start one with: eval \"$(.ci/postgres.sh start)\")");
        lock (gate)
        {
            if (database is null)
            {
                var name = $"credentials_test_{Guid.NewGuid():N}";
                using (var connection = new NpgsqlConnection(server))
                {
                    connection.Open();
                    using var create = connection.CreateCommand();
                    create.CommandText = $"CREATE DATABASE {name};";
                    create.ExecuteNonQuery();
                }

                database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            }

            return database;
        }
    }

    /// <summary>The connection string of a new, empty schema in this class's database (its search path), for one test.</summary>
    public string NewSchema()
    {
        var classDatabase = Require();
        var schema = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref schemas)}");
        using (var connection = new NpgsqlConnection(classDatabase))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE SCHEMA {schema};";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(classDatabase) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops the database (and the connections still open to it).</summary>
    public void Dispose()
    {
        if (database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE);";
        drop.ExecuteNonQuery();
    }
}
