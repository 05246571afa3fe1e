using System.Text;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Verification;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Trust;

/// <summary>The persistent registry on a real SQLite file.</summary>
public sealed class RegistryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-store-").FullName;
    private readonly Scenario scenario = Scenario.Es256();

    private string DatabasePath => Path.Combine(folder, "registry.db");

    private static IReadOnlyList<RegistryIssuer> Sample() => ResolverListFormat.Read(File.OpenRead(Repository.Samples("registry.json")));

    [Fact]
    public void An_imported_list_loads_back_as_the_same_registry()
    {
        using var store = RegistryStore.Open(DatabasePath);
        var importedAt = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        var report = store.Import(Sample(), "registry.json", importedAt);
        Assert.Equal((3, 2, 4, 0), (report.IssuersAdded, report.CertificatesAdded, report.LinksAdded, report.LinksWithdrawn));

        // The last import dates the trust data: verified four hours later, it is fresh.
        var loaded = store.Load();
        Assert.Equal(importedAt, loaded.AsOf);
        var original = new TrustRegistry(Sample());
        Assert.Equal(original.Issuers.Select(i => (i.Id, i.Name, i.Certificates.Count, i.AccreditationPeriods.Count)), loaded.Issuers.Select(i => (i.Id, i.Name, i.Certificates.Count, i.AccreditationPeriods.Count)));
        Assert.True(RegistryStore.IsDatabaseFile(DatabasePath));

        var qr = File.ReadAllText(Repository.Samples("prc-es256", "qr.base45.txt"));
        ReportAssert.Approved(new QrTokenVerifier(loaded, Clock.At(2026, 11, 28)).Verify(qr, new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public void Importing_the_same_list_again_changes_nothing()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "first", Monday);
        var again = store.Import(Sample(), "second", Monday.AddDays(1));
        Assert.False(again.ChangedAnything, again.ToString());
        Assert.Equal("second", store.Status().LastImportSource);
    }

    [Fact]
    public void The_store_survives_reopening_and_records_its_schema_version()
    {
        using (var store = RegistryStore.Open(DatabasePath))
        {
            store.Import(Sample(), "registry.json", Monday);
        }

        using var reopened = RegistryStore.Open(DatabasePath);
        var status = reopened.Status();
        Assert.Equal((3, 2, 4), (status.Issuers, status.Certificates, status.SchemaVersion));
        Assert.Equal(Monday, status.LastImportAt);
    }

    [Fact]
    public void A_database_from_a_newer_program_is_refused_with_a_clear_message()
    {
        RegistryStore.Open(DatabasePath).Dispose();
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<IOException>(() => RegistryStore.Open(DatabasePath));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_refused_and_leaves_the_store_unchanged()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "registry.json", Monday);
        Assert.Throws<RegistryImportException>(() => store.Import([], "empty", Monday.AddDays(1)));
        var status = store.Status();
        Assert.Equal((3, 0, "registry.json"), (status.Issuers, status.WithdrawnLinks, status.LastImportSource));
    }

    [Fact]
    public void A_certificate_dropped_from_the_list_is_kept_as_withdrawn_and_old_documents_still_verify()
    {
        using var store = RegistryStore.Open(DatabasePath);
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

    [Fact]
    public void An_accreditation_that_ends_rejects_documents_issued_after_it()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import([scenario.Demo.Issuer], "day 1", Monday);
        var ended = scenario.Demo.Issuer with { AccreditationPeriods = [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), new DateOnly(2026, 6, 14))] };
        store.Import([ended], "day 2", Monday.AddDays(1));

        var report = new QrTokenVerifier(store.Load(), scenario.Clock).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.RejectedAt(report, VerificationStep.BusinessChecks, FindingCode.NotAccreditedOnIssueDate);
    }

    [Fact]
    public void One_certificate_linked_to_many_institutions_is_stored_once()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "registry.json", Monday);
        var registry = store.Load();
        var es256 = registry.Issuers.Single(i => i.Id.LocalId == "0306").Certificates[0].Thumbprint;
        Assert.Equal(3, registry.Issuers.Count(i => i.Certificates.Any(c => c.Thumbprint == es256)));
        Assert.Equal(2, store.Status().Certificates);
    }

    [Fact]
    public void A_reader_can_load_while_another_connection_holds_a_write_transaction()
    {
        using var store = RegistryStore.Open(DatabasePath);
        store.Import(Sample(), "registry.json", Monday);
        using var writer = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction();
        using (var command = writer.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "UPDATE revision_entries SET name = 'renamed' WHERE revision_id = (SELECT id FROM current_issuer_revisions WHERE official_id = '0120')";
            command.ExecuteNonQuery();
        }

        // WAL: the reader sees the last committed state, without waiting for the writer.
        using var reader = RegistryStore.Open(DatabasePath);
        Assert.Equal("CM", reader.Load().Issuers.Single(i => i.Id.LocalId == "0120").Name);
        transaction.Rollback();
    }

    [Fact]
    public void The_command_line_imports_reports_status_and_verifies_against_the_database()
    {
        var import = Cli.CliRunner.Run("registry", "import", Repository.Samples("registry.json"), "--registry", DatabasePath);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("3 issuer(s)", import.Out, StringComparison.Ordinal);

        var status = Cli.CliRunner.Run("registry", "status", "--registry", DatabasePath);
        Assert.Contains("3 issuer(s), 2 certificate(s)", status.Out, StringComparison.Ordinal);

        var verify = Cli.CliRunner.Run("verify", Repository.Samples("prc-es256", "qr.png"), "--registry", DatabasePath, "--offline");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);

        var empty = Path.Combine(folder, "empty.json");
        File.WriteAllText(empty, """{"issuers":[]}""");
        var refused = Cli.CliRunner.Run("registry", "import", empty, "--registry", DatabasePath);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Nothing was changed", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        scenario.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
