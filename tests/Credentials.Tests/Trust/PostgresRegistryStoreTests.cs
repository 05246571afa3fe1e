using System.Collections.Concurrent;
using System.Data.Common;
using Credentials.Trust.Store;
using Npgsql;

namespace Credentials.Tests.Trust;

/// <summary>
/// The persistent registry on a real PostgreSQL database (a schema of its own per test), and what several hosts
/// sharing it need: one migration, imports that take turns, sequences never handed out twice, one-line errors that
/// never show the password.
/// </summary>
public sealed class PostgresRegistryStoreTests(PostgresDatabase postgres) : RegistryStoreTests, IClassFixture<PostgresDatabase>
{
    private string? location;

    protected override string Location => location ??= postgres.NewSchema();

    protected override string NameInMessages
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(Location);
            return $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    [SkippableFact]
    public void Hosts_opening_a_new_database_at_once_migrate_it_once()
    {
        const int Hosts = 6;
        using var start = new Barrier(Hosts);
        var opened = Enumerable.Range(0, Hosts).AsParallel().WithDegreeOfParallelism(Hosts).Select(_ =>
        {
            start.SignalAndWait();
            using var store = OpenStore();
            return store.Status().SchemaVersion;
        }).ToList();

        Assert.All(opened, version => Assert.Equal(4, version));
        Assert.Equal([["1"], ["2"], ["3"], ["4"]], Rows("SELECT version FROM schema_versions WHERE component = 'registry' ORDER BY version"));
    }

    [SkippableFact]
    public void Two_hosts_importing_the_same_list_at_once_take_turns_and_record_it_once()
    {
        OpenStore().Dispose();
        using var start = new Barrier(2);
        var reports = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2).Select(host =>
        {
            using var store = OpenStore();
            start.SignalAndWait();
            return store.Import(Sample(), $"host {host}", Monday);
        }).ToList();

        // The second import waited for the first, saw its revisions and found nothing to change.
        Assert.Equal([0, 3], reports.Select(r => r.IssuersAdded).Order());
        Assert.Equal([["3", "2"]], Rows("SELECT (SELECT COUNT(*) FROM issuer_revisions), (SELECT COUNT(*) FROM imports)"));
        using var reader = OpenStore();
        Assert.Equal(3, reader.Load().Issuers.Count);
    }

    [SkippableFact]
    public void Snapshot_sequences_from_two_hosts_are_never_handed_out_twice()
    {
        OpenStore().Dispose();
        var sequences = new ConcurrentBag<long>();
        Parallel.For(0, 2, _ =>
        {
            using var store = OpenStore();
            for (var i = 0; i < 50; i++)
            {
                sequences.Add(store.NextSnapshotSequence(Monday));
            }
        });

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sequences.Order());
    }

    [SkippableFact]
    public void A_long_running_reader_sees_the_data_version_move_when_another_host_writes()
    {
        using var reader = OpenStore();
        using var writer = OpenStore();
        var before = reader.DataVersion();
        Assert.Equal(before, reader.DataVersion());

        writer.Import(Sample(), "registry.json", Monday);
        var imported = reader.DataVersion();
        Assert.NotEqual(before, imported);

        writer.RecordNotModified("https://resolver.example", "\"v1\"", null, Monday.AddHours(1));
        Assert.NotEqual(imported, reader.DataVersion());
        Assert.Equal(Monday.AddHours(1), reader.Status().ConfirmedCurrentAt);
    }

    [SkippableFact]
    public void A_postgres_url_names_the_same_database_and_the_trust_sources_open_it()
    {
        using (var store = OpenStore())
        {
            store.Import(Sample(), "registry.json", Monday);
        }

        var builder = new NpgsqlConnectionStringBuilder(Location);
        var url = $"postgres://{Uri.EscapeDataString(builder.Username!)}:{Uri.EscapeDataString(builder.Password!)}@{builder.Host}:{builder.Port}/{builder.Database}?options={Uri.EscapeDataString("-c search_path=" + builder.SearchPath)}";
        using (var store = RegistryStore.Open(url))
        {
            Assert.Equal(3, store.Status().Issuers);
            Assert.DoesNotContain(builder.Password!, store.Location, StringComparison.Ordinal);
        }

        Assert.Equal(3, TrustSources.Open(Location, new Credentials.Trust.TrustSourceOptions()).Issuers.Count);
    }

    [SkippableFact]
    public void A_refused_password_is_one_line_that_never_shows_it()
    {
        var builder = new NpgsqlConnectionStringBuilder(Location) { Password = "not-the-password-4711" };
        var error = Assert.Throws<IOException>(() => RegistryStore.Open(builder.ConnectionString));
        Assert.Equal($"the registry: cannot connect to {NameInMessages}: the user name or password was refused.", error.Message);
        Assert.DoesNotContain("4711", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_not_there_is_one_line_naming_host_and_port()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nobody listens on now

        var error = Assert.Throws<IOException>(() => RegistryStore.Open($"Host=127.0.0.1;Port={port};Username=nobody;Password=secret-0815;Database=none;Timeout=5"));
        Assert.Equal($"the registry: cannot connect to PostgreSQL at 127.0.0.1:{port}/none: connection refused (is the server running, and listening there?).", error.Message);
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(Location);
        connection.Open();
        return connection;
    }

    protected override void RecordSchemaVersion(int version)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO schema_versions (component, version, applied_at) VALUES ('registry', {version}, 'later');";
        command.ExecuteNonQuery();
    }

    protected override void Dispose(bool disposing)
    {
        // The fixture drops the database with the class.
    }

    private List<string[]> Rows(string sql)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }
}
