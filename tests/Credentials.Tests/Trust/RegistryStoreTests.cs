using System.Text;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Verification;

namespace Credentials.Tests.Trust;

/// <summary>
/// The persistent registry, the same tests on each database it runs on: a real SQLite file
/// (<see cref="SqliteRegistryStoreTests"/>) and a real PostgreSQL database (<see cref="PostgresRegistryStoreTests"/>).
/// </summary>
public abstract class RegistryStoreTests : IDisposable
{
    protected static readonly DateTimeOffset Monday = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = Scenario.Es256();

    /// <summary>Where this test's registry is (a new one per test): a file path or a connection string.</summary>
    protected abstract string Location { get; }

    /// <summary>How the store's messages name it.</summary>
    protected abstract string NameInMessages { get; }

    protected static IReadOnlyList<RegistryIssuer> Sample() => ResolverListFormat.Read(File.OpenRead(Repository.Samples("registry.json")));

    /// <summary>A connection of its own to the registry's database, beside the store's.</summary>
    protected abstract System.Data.Common.DbConnection OpenConnection();

    /// <summary>Records the registry's schema as <paramref name="version"/>, as a newer program would.</summary>
    protected abstract void RecordSchemaVersion(int version);

    protected RegistryStore OpenStore() => RegistryStore.Open(Location);

    [SkippableFact]
    public void An_imported_list_loads_back_as_the_same_registry()
    {
        using var store = OpenStore();
        var importedAt = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        var report = store.Import(Sample(), "registry.json", importedAt);
        Assert.Equal((3, 2, 4, 0), (report.IssuersAdded, report.CertificatesAdded, report.LinksAdded, report.LinksWithdrawn));

        // The last import dates the trust data: verified four hours later, it is fresh.
        var loaded = store.Load();
        Assert.Equal(importedAt, loaded.AsOf);
        var original = new TrustRegistry(Sample());
        Assert.Equal(original.Issuers.Select(i => (i.Id, i.Name, i.Certificates.Count, i.AccreditationPeriods.Count)), loaded.Issuers.Select(i => (i.Id, i.Name, i.Certificates.Count, i.AccreditationPeriods.Count)));

        var qr = File.ReadAllText(Repository.Samples("prc-es256", "qr.base45.txt"));
        ReportAssert.Approved(new QrTokenVerifier(loaded, Clock.At(2026, 11, 28)).Verify(qr, new DateOnly(2026, 11, 28)));
    }

    [SkippableFact]
    public void Importing_the_same_list_again_changes_nothing()
    {
        using var store = OpenStore();
        store.Import(Sample(), "first", Monday);
        var again = store.Import(Sample(), "second", Monday.AddDays(1));
        Assert.False(again.ChangedAnything, again.ToString());
        Assert.Equal("second", store.Status().LastImportSource);
    }

    [SkippableFact]
    public void The_store_survives_reopening_and_records_its_schema_version()
    {
        using (var store = OpenStore())
        {
            store.Import(Sample(), "registry.json", Monday);
        }

        using var reopened = OpenStore();
        var status = reopened.Status();
        Assert.Equal((3, 2, 4), (status.Issuers, status.Certificates, status.SchemaVersion));
        Assert.Equal(Monday, status.LastImportAt);
    }

    [SkippableFact]
    public void A_database_from_a_newer_program_is_refused_with_a_clear_message()
    {
        OpenStore().Dispose();
        RecordSchemaVersion(99);

        var error = Assert.Throws<IOException>(() => OpenStore());
        Assert.Contains("schema version 99, newer than this program's 4", error.Message, StringComparison.Ordinal);
        Assert.Contains(NameInMessages, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_empty_list_is_refused_and_leaves_the_store_unchanged()
    {
        using var store = OpenStore();
        store.Import(Sample(), "registry.json", Monday);
        Assert.Throws<RegistryImportException>(() => store.Import([], "empty", Monday.AddDays(1)));
        var status = store.Status();
        Assert.Equal((3, 0, "registry.json"), (status.Issuers, status.WithdrawnLinks, status.LastImportSource));
    }

    [SkippableFact]
    public void A_certificate_dropped_from_the_list_is_kept_as_withdrawn_and_old_documents_still_verify()
    {
        using var store = OpenStore();
        store.Import([scenario.Demo.Issuer], "day 1", Monday.AddDays(-30));
        var oldDocument = scenario.IssueValid().QrText; // di 2026-06-15, before the withdrawal below

        // The next list replaces the institution's certificate: the old link is withdrawn on 2026-06-20.
        using var pki = new TestPki(Monday.AddYears(-1));
        using var replacement = pki.IssueSigner("replacement", rsa: false, Monday.AddDays(-1), Monday.AddYears(2));
        var replaced = scenario.Demo.Issuer with { Certificates = [new TrustedCertificate(replacement.Certificate)] };
        var report = store.Import([replaced], "day 2", new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((1, 1), (report.LinksAdded, report.LinksWithdrawn));
        Assert.Equal(2, store.Status().Certificates); // nothing deleted

        var registry = store.Load();
        ReportAssert.Approved(new QrTokenVerifier(registry, scenario.Clock).Verify(oldDocument, Scenario.Today));

        // A document signed with the withdrawn certificate after its withdrawal is rejected.
        scenario.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 25, 12, 0, 0, TimeSpan.Zero));
        var payload = Scenario.ValidPayload();
        payload["prc"]!["di"] = "2026-06-25";
        var late = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        Assert.True(late.Succeeded);
        ReportAssert.RejectedAt(new QrTokenVerifier(registry, scenario.Clock).Verify(late.Document!.QrText, new DateOnly(2026, 6, 25)), VerificationStep.BusinessChecks, FindingCode.CertificateNotValidOnIssueDate);
    }

    [SkippableFact]
    public void An_accreditation_that_ends_rejects_documents_issued_after_it()
    {
        using var store = OpenStore();
        store.Import([scenario.Demo.Issuer], "day 1", Monday);
        var ended = scenario.Demo.Issuer with { AccreditationPeriods = [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), new DateOnly(2026, 6, 14))] };
        store.Import([ended], "day 2", Monday.AddDays(1));

        var report = new QrTokenVerifier(store.Load(), scenario.Clock).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.RejectedAt(report, VerificationStep.BusinessChecks, FindingCode.NotAccreditedOnIssueDate);
    }

    [SkippableFact]
    public void One_certificate_linked_to_many_institutions_is_stored_once()
    {
        using var store = OpenStore();
        store.Import(Sample(), "registry.json", Monday);
        var registry = store.Load();
        var es256 = registry.Issuers.Single(i => i.Id.LocalId == "0306").Certificates[0].Thumbprint;
        Assert.Equal(3, registry.Issuers.Count(i => i.Certificates.Any(c => c.Thumbprint == es256)));
        Assert.Equal(2, store.Status().Certificates);
    }

    [SkippableFact]
    public void A_reader_can_load_while_another_connection_holds_a_write_transaction()
    {
        using var store = OpenStore();
        store.Import(Sample(), "registry.json", Monday);
        using var writer = OpenConnection();
        using var transaction = writer.BeginTransaction();
        using (var command = writer.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "UPDATE revision_entries SET name = 'renamed' WHERE revision_id = (SELECT id FROM current_issuer_revisions WHERE official_id = '0120')";
            command.ExecuteNonQuery();
        }

        // SQLite's WAL, PostgreSQL's MVCC: the reader sees the last committed state, without waiting for the writer.
        using var reader = OpenStore();
        Assert.Equal("CM", reader.Load().Issuers.Single(i => i.Id.LocalId == "0120").Name);
        transaction.Rollback();
    }

    public void Dispose()
    {
        scenario.Dispose();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Lets go of the database.</summary>
    protected abstract void Dispose(bool disposing);
}
