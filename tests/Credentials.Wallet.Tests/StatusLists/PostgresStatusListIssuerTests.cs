using System.Collections.Concurrent;
using Credentials.Status;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;
using Npgsql;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// The issuer's side on a real PostgreSQL database (a schema of its own per test), and what several hosts sharing it
/// need: allocations from several hosts at once never hand out an index twice, status changes from two hosts see each
/// other, errors never show the password.
/// </summary>
public sealed class PostgresStatusListIssuerTests(PostgresDatabase postgres) : StatusListIssuerTests, IClassFixture<PostgresDatabase>
{
    private static readonly Uri BaseAddress = new("https://issuer.example/status/");
    private string? location;

    protected override string Location => location ??= postgres.NewSchema();

    [SkippableFact]
    public void Four_hosts_allocating_at_once_never_get_one_index_twice_and_fill_each_list_to_its_rollover()
    {
        // Four stores are four hosts: each its own connection pool, all on one database.
        var hosts = Enumerable.Range(0, 4).Select(_ => PostgresStatusListStore.Open(Location, Clock)).ToList();
        try
        {
            var entries = new ConcurrentBag<StatusListEntry>();
            using var start = new Barrier(hosts.Count * 2);
            Parallel.For(0, hosts.Count * 2, new ParallelOptions { MaxDegreeOfParallelism = hosts.Count * 2 }, worker =>
            {
                var issuer = new StatusListIssuer(hosts[worker % hosts.Count], new StatusListIssuerOptions { BaseAddress = BaseAddress, TestEntriesPerList = 128 }, Clock);
                start.SignalAndWait();
                for (var i = 0; i < 50; i++)
                {
                    entries.Add(issuer.Allocate(StatusListPki.Institution, $"worker-{worker}-{i}"));
                }
            });

            Assert.Equal(400, entries.Distinct().Count());
            var lists = hosts[0].Lists();
            Assert.Equal([96, 96, 96, 96, 16], lists.Select(l => l.Allocated));
            Assert.Equal(400L, Convert.ToInt64(QueryScalar("SELECT COUNT(*) FROM status_entries;"), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            hosts.ForEach(host => host.Dispose());
        }
    }

    [SkippableFact]
    public void Two_hosts_changing_one_credential_at_once_each_see_the_others_result()
    {
        using var first = PostgresStatusListStore.Open(Location, Clock);
        using var second = PostgresStatusListStore.Open(Location, Clock);
        var options = new StatusListIssuerOptions { BaseAddress = BaseAddress };
        new StatusListIssuer(first, options, Clock).Allocate(StatusListPki.Institution, "jti-1");

        // Both suspend at once: the entry is locked by the first, so the second sees it suspended and changes nothing.
        using var start = new Barrier(2);
        var changed = new[] { first, second }.AsParallel().WithDegreeOfParallelism(2).Select(host =>
        {
            var issuer = new StatusListIssuer(host, options, Clock);
            start.SignalAndWait();
            return issuer.Suspend(StatusListPki.Institution, "jti-1");
        }).ToList();

        Assert.Equal([false, true], changed.Order());
        Assert.Equal(1, first.Lists().Single().Version);
        Assert.Equal(StatusTypes.Suspended, second.Find(StatusListPki.Institution, "jti-1")!.Status);
    }

    [SkippableFact]
    public void A_refused_password_is_one_line_that_names_the_server_and_never_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(Location) { Password = "wrong-secret-1234" };
        var error = Assert.Throws<StatusListIssuanceException>(() => PostgresStatusListStore.Open(builder.ConnectionString, Clock));
        Assert.Equal($"the status list database cannot be used: cannot connect to PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}: the user name or password was refused.", error.Message);
        Assert.DoesNotContain("1234", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_path_is_not_a_postgres_connection_string()
    {
        var error = Assert.Throws<StatusListIssuanceException>(() => PostgresStatusListStore.Open("issuer-state.db", Clock));
        Assert.Equal("the status list database cannot be used: a PostgreSQL connection string is needed here (postgres://… or Host=…), not a file path.", error.Message);
    }

    protected override IStatusListStore OpenStore() => PostgresStatusListStore.Open(Location, Clock);

    protected override object? QueryScalar(string sql)
    {
        using var connection = new NpgsqlConnection(Location);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    protected override void Dispose(bool disposing)
    {
        // The fixture drops the database with the class.
    }
}
