using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Tests.Operations;

/// <summary>
/// The registry database keeps its history: a change appends, nothing is rewritten. The same tests on a real SQLite
/// file (<see cref="SqliteAppendOnlyStoreTests"/>, with the migration of the previous schema's files) and a real
/// PostgreSQL database (<see cref="PostgresAppendOnlyStoreTests"/>).
/// </summary>
public abstract class AppendOnlyStoreTests : IDisposable
{
    protected static readonly DateTimeOffset Day1 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Where this test's registry is (a new one per test): a file path or a connection string.</summary>
    protected abstract string Location { get; }

    protected static List<RegistryIssuer> Sample() => [.. ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json")))];

    [SkippableFact]
    public void A_changed_validity_appends_a_revision_and_the_old_one_stays_as_it_was()
    {
        using var store = RegistryStore.Open(Location);
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

    [SkippableFact]
    public void An_unchanged_institution_gets_no_new_revision_and_a_dropped_one_keeps_its_history()
    {
        using var store = RegistryStore.Open(Location);
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

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Lets go of the database.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>The rows a query gives, each value as invariant text, read with a connection of its own.</summary>
    protected abstract List<string[]> Rows(string sql);
}
