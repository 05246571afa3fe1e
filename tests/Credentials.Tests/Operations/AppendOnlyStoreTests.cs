using Credentials.Trust;
using Credentials.Trust.Store;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// The registry database keeps its history: a change appends, nothing is rewritten; a database written by the previous
/// schema (version 3, a fixture made by that code) migrates and loads as it did.
/// </summary>
public sealed class AppendOnlyStoreTests : IDisposable
{
    private const string Es256Thumbprint = "mE5QLHp1-iqcF3GXUnBEGxv39HRXB_BA0FKrNGh3Nek";
    private static readonly DateTimeOffset Day1 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-history-").FullName;

    private string DatabasePath => Path.Combine(folder, "registry.db");

    private static string Fixture(string name) => Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Operations", "Fixtures", name);

    private static List<RegistryIssuer> Sample() => [.. ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json")))];

    [Fact]
    public void A_changed_validity_appends_a_revision_and_the_old_one_stays_as_it_was()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "day 1", Day1);
        var shortened = Sample();
        var index = shortened.FindIndex(i => i.Id.LocalId == "0306");
        var certificate = shortened[index].Certificates[0];
        var newEnd = new DateTimeOffset(2029, 6, 30, 0, 0, 0, TimeSpan.Zero);
        shortened[index] = shortened[index] with { Name = "Solidaris (renamed)", Certificates = [TrustedCertificate.FromDer(certificate.RawData.ToArray(), certificate.RegistryValidFrom, newEnd)] };
        var report = store.Import(shortened, "day 2", Day1.AddDays(1));
        Assert.Equal((1, 1), (report.LinksChanged, report.NamesChanged));

        var loaded = store.Load().Issuers.Single(i => i.Id.LocalId == "0306");
        Assert.Equal(("Solidaris (renamed)", newEnd), (loaded.Name, loaded.Certificates.Single().ValidUntil));

        // Both validities are in the file, each in its own revision, the first unchanged.
        var rows = Rows("SELECT r.import_id, c.valid_until, e.name FROM revision_certificates c JOIN issuer_revisions r ON r.id = c.revision_id JOIN revision_entries e ON e.revision_id = r.id WHERE r.official_id = '0306' ORDER BY c.id");
        Assert.Equal([["1", "2035-12-31T23:59:59Z", "Solidaris"], ["2", "2029-06-30T00:00:00Z", "Solidaris (renamed)"]], rows);
    }

    [Fact]
    public void An_unchanged_institution_gets_no_new_revision_and_a_dropped_one_keeps_its_history()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "day 1", Day1);
        store.Import(Sample(), "day 2", Day1.AddDays(1));
        Assert.Equal("3", Rows("SELECT COUNT(*) FROM issuer_revisions")[0][0]);

        var withdrawn = store.Import([.. Sample().Where(i => i.Id.LocalId != "0500")], "day 3", Day1.AddDays(2));
        Assert.Equal((1, 1), (withdrawn.LinksWithdrawn, withdrawn.AccreditationsWithdrawn));
        Assert.Equal([["1", "1", ""], ["3", "0", "2026-06-03T08:00:00Z"]], Rows("SELECT r.import_id, r.listed, COALESCE(c.withdrawn_at, '') FROM issuer_revisions r JOIN revision_certificates c ON c.revision_id = r.id WHERE r.official_id = '0500' ORDER BY r.id"));

        // Listed again: active again, and the withdrawal stays in the history.
        var relisted = store.Import(Sample(), "day 4", Day1.AddDays(3));
        Assert.Equal(1, relisted.LinksChanged);
        Assert.Equal(2035, store.Load().Issuers.Single(i => i.Id.LocalId == "0500").Certificates.Single().ValidUntil.Year);
        Assert.Equal("3", Rows("SELECT COUNT(*) FROM issuer_revisions WHERE official_id = '0500'")[0][0]);
        var status = store.Status();
        Assert.Equal((Day1.AddDays(3), "day 4"), (status.LastChangedAt, status.LastChangedSource));
    }

    [Fact]
    public void A_schema_3_database_migrates_and_loads_as_that_version_did()
    {
        CreateFromFixture();
        using var store = RegistryStore.Open(DatabasePath);
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
            using var store = RegistryStore.Open(DatabasePath);
            return store.Status().Issuers;
        }).ToList();
        Assert.All(opened, issuers => Assert.Equal(3, issuers));
        Assert.Equal("3", Rows("SELECT COUNT(*) FROM issuer_revisions")[0][0]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private void CreateFromFixture()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Fixture("registry-schema-3.sql"));
        command.ExecuteNonQuery();
    }

    private List<string[]> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False;Mode=ReadOnly");
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
}
