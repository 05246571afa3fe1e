using Credentials.Model;
using Credentials.Storage.StatusLists;
using Credentials.Tests.Cli;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Wallet.StatusLists;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Credentials.Tests.Operations;

/// <summary>
/// <c>credentials store copy</c>: one machine's SQLite state moved into the PostgreSQL database several hosts share,
/// as an operator runs it: the registry (from a file of the previous schema) and the issuer's status lists copied
/// whole and going on from where they were; a non-empty target refused unless told; the password never printed.
/// </summary>
public sealed class StoreCopyTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");
    private static readonly Uri StatusBase = new("https://issuer.example/status/");
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-copy-").FullName;
    private readonly FakeTimeProvider clock = Clock.At(2026, 12, 2);

    [SkippableFact]
    public void A_registry_of_the_previous_schema_is_copied_whole_and_goes_on_from_where_it_was()
    {
        var target = postgres.NewSchema();
        var source = Path.Combine(folder, "registry.db");
        CreateFromSql(source, Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Operations", "Fixtures", "registry-schema-3.sql"));

        var copy = CliRunner.RunAt(clock, "store", "copy", "--from", source, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.Error);
        var password = new NpgsqlConnectionStringBuilder(target).Password!;
        Assert.DoesNotContain(password, copy.Out + copy.Error, StringComparison.Ordinal);
        Assert.Contains("Brought", copy.Out, StringComparison.Ordinal);
        Assert.Contains($"Copied a trust registry from {source} into {Display(target)}: ", copy.Out, StringComparison.Ordinal);
        Assert.Contains("issuers 3, certificates 2, imports 2", copy.Out, StringComparison.Ordinal);

        using var file = RegistryStore.Open(source);
        using var shared = RegistryStore.Open(target);
        Assert.Equal(ResolverListFormat.WriteToString(file.Load().Issuers), ResolverListFormat.WriteToString(shared.Load().Issuers));
        Assert.Equal(file.Status(), shared.Status());
        Assert.Equal(file.GetSyncState("http://127.0.0.1:9/api/v1/issuers"), shared.GetSyncState("http://127.0.0.1:9/api/v1/issuers"));

        // Keys go on after the copied ones: the next snapshot is 2, the next import appends revisions after the copied.
        Assert.Equal(2, shared.NextSnapshotSequence(clock.GetUtcNow()));
        var report = shared.Import(ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json"))), "registry.json", clock.GetUtcNow());
        Assert.Equal((2, 1, 2), (report.LinksChanged, report.NamesChanged, report.AccreditationsChanged));
        Assert.Equal(0, shared.Status().WithdrawnLinks);
    }

    [SkippableFact]
    public void A_target_that_holds_a_registry_is_refused_unless_told_to_replace_it()
    {
        var target = postgres.NewSchema();
        var source = Path.Combine(folder, "registry.db");
        using (var store = RegistryStore.Open(source))
        {
            store.Import(ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json"))), "registry.json", clock.GetUtcNow());
        }

        Assert.Equal(0, CliRunner.RunAt(clock, "store", "copy", "--from", source, "--to", target).ExitCode);
        var again = CliRunner.RunAt(clock, "store", "copy", "--from", source, "--to", target);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"credentials: {Display(target)} already holds a trust registry (3 row(s) in issuers); nothing was copied. To replace what it holds, copy again with --replace.", again.Error.Trim());

        var replaced = CliRunner.RunAt(clock, "store", "copy", "--from", source, "--to", target, "--replace");
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        using var shared = RegistryStore.Open(target);
        Assert.Equal((3, 2), (shared.Status().Issuers, shared.Status().Certificates));
    }

    [SkippableFact]
    public void The_issuers_status_lists_are_copied_and_allocation_goes_on_without_reusing_an_index()
    {
        var target = postgres.NewSchema();
        var source = Path.Combine(folder, "issuer-state.db");
        var options = new StatusListIssuerOptions { BaseAddress = StatusBase };
        var entries = new List<Credentials.Status.StatusListEntry>();
        StatusListPublication publication;
        using (var file = SqliteStatusListStore.Open(source, clock))
        {
            var issuer = new StatusListIssuer(file, options, clock);
            entries.AddRange(Enumerable.Range(0, 60).Select(i => issuer.Allocate(Institution, $"jti-{i}")));
            issuer.Revoke(Institution, "jti-3");
            issuer.Suspend(Institution, "jti-50");
            using var pki = new Credentials.Issuance.Demo.TestPki(clock.GetUtcNow().AddDays(-30));
            using var signer = pki.IssueSigner("status signer", rsa: false, clock.GetUtcNow().AddDays(-1), clock.GetUtcNow().AddYears(1));
            publication = issuer.Publish(entries[0].List, signer);
        }

        var copy = CliRunner.RunAt(clock, "store", "copy", "--from", source, "--to", target);
        Assert.True(copy.ExitCode == 0, copy.Error);
        Assert.Contains($"Copied status lists from {source} into {Display(target)}: 62 row(s) (status_lists 1, status_entries 60, status_list_publications 1).", copy.Out, StringComparison.Ordinal);

        using var shared = PostgresStatusListStore.Open(target, clock);
        Assert.Equal(60, shared.Lists().Single().Allocated);
        Assert.Equal(Credentials.Wallet.StatusLists.StatusTypes.Invalid, shared.Find(Institution, "jti-3")!.Status);
        Assert.Equal(Credentials.Wallet.StatusLists.StatusTypes.Suspended, shared.Find(Institution, "jti-50")!.Status);
        Assert.Equal(entries[7], shared.Find(Institution, "jti-7")!.Entry);
        Assert.Equal(publication.Cwt, shared.LatestPublication(entries[0].List)!.Cwt);

        // Allocation goes on in the copied list, never on a copied index; a new list gets the key after the copied one.
        var issuerOnPostgres = new StatusListIssuer(shared, options, clock);
        entries.AddRange(Enumerable.Range(60, 30).Select(i => issuerOnPostgres.Allocate(Institution, $"jti-{i}")));
        Assert.Equal(90, entries.Distinct().Count());
        Assert.Equal(90, shared.Lists().Single().Allocated);
        var oneBit = new StatusListIssuer(shared, options with { Bits = 1 }, clock).Allocate(Institution, "jti-one-bit");
        Assert.Equal(new Uri(StatusBase, "BE-0120/2"), oneBit.List);
        Assert.Equal([90, 1], shared.Lists().Select(l => l.Allocated));
    }

    [Fact]
    public void A_file_path_as_the_target_and_a_missing_source_are_one_line_each()
    {
        var toFile = CliRunner.Run("store", "copy", "--from", Path.Combine(folder, "registry.db"), "--to", Path.Combine(folder, "other.db"));
        Assert.Equal((2, "credentials: --to: give a PostgreSQL connection string (postgres://… or Host=…;Database=…), not a file path."), (toFile.ExitCode, toFile.Error.Trim()));

        var missing = CliRunner.Run("store", "copy", "--from", Path.Combine(folder, "nothing.db"), "--to", "postgres://someone:secret-42@127.0.0.1:1/db");
        Assert.Equal((2, $"credentials: the copy's source '{Path.Combine(folder, "nothing.db")}' does not exist."), (missing.ExitCode, missing.Error.Trim()));
    }

    [Fact]
    public void A_server_that_refuses_is_one_line_without_the_password()
    {
        var source = Path.Combine(folder, "registry.db");
        RegistryStore.Open(source).Dispose();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var refused = CliRunner.Run("store", "copy", "--from", source, "--to", $"postgres://someone:secret-42@127.0.0.1:{port}/shared");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"credentials: cannot connect to PostgreSQL at 127.0.0.1:{port}/shared: connection refused (is the server running, and listening there?).", refused.Error.Trim());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string Display(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static void CreateFromSql(string path, string sqlFile)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(sqlFile);
        command.ExecuteNonQuery();
    }
}
