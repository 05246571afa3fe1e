using System.Data.Common;
using System.Globalization;
using Credentials.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Tests.Operations;

/// <summary>
/// The one migration runner on both dialects (a real SQLite file, a real PostgreSQL schema): each step once, in its own
/// transaction; a failing step leaves nothing of itself; a newer database is refused; hosts migrating one database at
/// once apply each step once, the later ones waiting for their turn and finding the work done.
/// </summary>
public sealed class SchemaMigratorTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-migrations-").FullName;
    private string? postgresSchema;

    public static TheoryData<string> Dialects => new() { "SQLite", "PostgreSQL" };

    [SkippableTheory]
    [MemberData(nameof(Dialects))]
    public void Each_step_runs_once_and_opening_again_applies_nothing(string dialect)
    {
        var component = Component(
            Migration.Same("first table", "CREATE TABLE first_things (id INTEGER NOT NULL);"),
            new Migration("second table", d => $"CREATE TABLE second_things (id {d.AutoKey}, body {d.Bytes});"));
        using var connection = Connect(dialect);
        Assert.Equal(2, SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now));
        Assert.Equal(0, SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now));

        Assert.Equal([[1L, "2026-12-01T09:00:00.0000000Z"], [2L, "2026-12-01T09:00:00.0000000Z"]], Rows(connection, "SELECT version, applied_at FROM schema_versions WHERE component = 'test_things' ORDER BY version;"));
        Assert.True(Dialect(dialect).TableExists(connection, null, "second_things"));
    }

    [SkippableTheory]
    [MemberData(nameof(Dialects))]
    public void A_failing_step_leaves_nothing_of_itself_and_the_steps_before_it_stay(string dialect)
    {
        var component = Component(
            Migration.Same("first table", "CREATE TABLE first_things (id INTEGER NOT NULL);"),
            Migration.Same("second table, then a mistake", "CREATE TABLE second_things (id INTEGER NOT NULL); INSERT INTO no_such_table VALUES (1);"));
        using var connection = Connect(dialect);
        Assert.ThrowsAny<DbException>(() => SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now));

        Assert.Equal(1, SchemaMigrator.AppliedVersion(connection, Dialect(dialect), component, null));
        Assert.True(Dialect(dialect).TableExists(connection, null, "first_things"));
        Assert.False(Dialect(dialect).TableExists(connection, null, "second_things"));
    }

    [SkippableTheory]
    [MemberData(nameof(Dialects))]
    public void A_database_newer_than_the_program_is_refused_and_left_as_it_is(string dialect)
    {
        var component = Component(Migration.Same("first table", "CREATE TABLE first_things (id INTEGER NOT NULL);"));
        using var connection = Connect(dialect);
        SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now);
        Rows(connection, "INSERT INTO schema_versions (component, version, applied_at) VALUES ('test_things', 7, 'later');");

        var error = Assert.Throws<DatabaseException>(() => SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now));
        Assert.Equal("the database holds test things at schema version 7, newer than this program's 1: update the program.", error.Message);
        Assert.Equal([[2L]], Rows(connection, "SELECT COUNT(*) FROM schema_versions;"));
    }

    [SkippableTheory]
    [MemberData(nameof(Dialects))]
    public void Hosts_migrating_one_database_at_once_apply_each_step_once(string dialect)
    {
        // The first step takes a while, so the others arrive while it runs: without the turn they would apply it too.
        var component = Component(
            new Migration("a slow first table", d => "CREATE TABLE first_things (id INTEGER NOT NULL); " + d.Choose(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT COUNT(*) FROM c;",
                "SELECT pg_sleep(0.5);")),
            Migration.Same("second table", "CREATE TABLE second_things (id INTEGER NOT NULL);"));
        const int Hosts = 4;
        var connections = Enumerable.Range(0, Hosts).Select(_ => Connect(dialect)).ToList();
        try
        {
            using var start = new Barrier(Hosts);
            var applied = connections.AsParallel().WithDegreeOfParallelism(Hosts).Select(connection =>
            {
                start.SignalAndWait();
                return SchemaMigrator.Migrate(connection, Dialect(dialect), component, Now);
            }).ToList();

            Assert.Equal(2, applied.Sum());
            Assert.Equal([[1L], [2L]], Rows(connections[0], "SELECT version FROM schema_versions WHERE component = 'test_things' ORDER BY version;"));
        }
        finally
        {
            connections.ForEach(connection => connection.Dispose());
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static SchemaComponent Component(params Migration[] migrations) => new("test_things", "test things", migrations, []);

    private static SqlDialect Dialect(string name) => name == "SQLite" ? SqlDialect.Sqlite : SqlDialect.PostgreSql;

    private static List<object[]> Rows(DbConnection connection, string sql)
    {
        using var command = SqlCommands.Command(connection, null, sql);
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) is string text ? (object)text : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))]);
        }

        return rows;
    }

    private DbConnection Connect(string dialect)
    {
        DbConnection connection = dialect == "SQLite"
            ? new SqliteConnection($"Data Source={Path.Combine(folder, "state.db")};Pooling=False;Default Timeout=30")
            : new NpgsqlConnection(postgresSchema ??= postgres.NewSchema());
        connection.Open();
        if (connection is SqliteConnection)
        {
            SqlCommands.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000;");
        }

        return connection;
    }
}
