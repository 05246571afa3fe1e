using Credentials.Trust;
using Credentials.Trust.Store;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// The registry's history on a real SQLite file, and the files of the previous schema (version 3, a fixture made by
/// that code): they migrate and load as that version did.
/// </summary>
public sealed class SqliteAppendOnlyStoreTests : AppendOnlyStoreTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-history-").FullName;

    protected override string Location => Path.Combine(folder, "registry.db");

    private static string Fixture(string name) => Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Operations", "Fixtures", name);

    [Fact]
    public void A_schema_3_database_migrates_and_loads_as_that_version_did()
    {
        CreateFromFixture();
        using var store = RegistryStore.Open(Location);
        var status = store.Status();
        Assert.Equal((4, 3, 2, 1), (status.SchemaVersion, status.Issuers, status.Certificates, status.WithdrawnLinks));

        // The registry written back is exactly what version 3 exported from the same file.
        Assert.Equal(File.ReadAllText(Fixture("registry-schema-3.loaded.json")).TrimEnd(), ResolverListFormat.WriteToString(store.Load().Issuers));

        // Its history: the last change was the second import; the resolver's validators carried over; sequences go on.
        var changedAt = new DateTimeOffset(2026, 12, 1, 10, 31, 29, TimeSpan.Zero);
        Assert.Equal((changedAt, "changed.json", changedAt), (status.LastChangedAt, status.LastChangedSource, status.ConfirmedCurrentAt));
        Assert.Equal(("\"v7\"", "Tue, 01 Dec 2026 09:00:00 GMT"), store.GetSyncState("http://127.0.0.1:9/api/v1/issuers"));
        Assert.Equal(2, store.NextSnapshotSequence(changedAt.AddHours(1)));
        Assert.Empty(Rows("SELECT name FROM sqlite_master WHERE name IN ('issuer_certificates', 'accreditations', 'sync_sources')"));

        // And it goes on: the sample list relists BE:0500, restores BE:0306's validity and name and BE:0120's open
        // accreditation, as new revisions.
        var report = store.Import(Sample(), "registry.json", changedAt.AddDays(1));
        Assert.Equal((2, 1, 2), (report.LinksChanged, report.NamesChanged, report.AccreditationsChanged));
        Assert.Equal(0, store.Status().WithdrawnLinks);
        Assert.Equal("6", Rows("SELECT COUNT(*) FROM issuer_revisions")[0][0]);
    }

    [Fact]
    public void Two_programs_opening_an_old_database_at_once_migrate_it_once()
    {
        CreateFromFixture();
        var opened = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
        {
            using var store = RegistryStore.Open(Location);
            return store.Status().Issuers;
        }).ToList();
        Assert.All(opened, issuers => Assert.Equal(3, issuers));
        Assert.Equal("3", Rows("SELECT COUNT(*) FROM issuer_revisions")[0][0]);
    }

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    protected override List<string[]> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Location};Pooling=False;Mode=ReadOnly");
        connection.Open();
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

    private void CreateFromFixture()
    {
        using var connection = new SqliteConnection($"Data Source={Location};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Fixture("registry-schema-3.sql"));
        command.ExecuteNonQuery();
    }
}
