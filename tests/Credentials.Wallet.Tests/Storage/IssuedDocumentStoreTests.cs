using Credentials.Status;
using Credentials.Storage.Issuance;
using Credentials.Wallet.StatusLists;
using Credentials.Wallet.Tests.SdJwtVc;
using Credentials.WireFormat;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Wallet.Tests.Storage;

/// <summary>
/// The issuer's record of what it issued, the same on an SQLite file and on PostgreSQL: a document once, its wallet
/// credentials, its revocations as history, the status list configurations; and what must happen once happens once
/// when two stores (two hosts) on one database race for it.
/// </summary>
public sealed class IssuedDocumentStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly WalletScenario scenario = new();
    private readonly string folder = Directory.CreateTempSubdirectory("issued-documents-").FullName;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void A_document_is_recorded_once_and_another_under_its_jti_is_refused(string dialect)
    {
        using var store = Open(dialect, out _);
        var payload = new QrTokenPayload(WalletScenario.Ehic, "doc-1");
        var recorded = store.RecordDocument(payload);
        Assert.Equal(recorded, store.RecordDocument(new QrTokenPayload(WalletScenario.Ehic, "doc-1")));
        Assert.Equal(recorded, store.FindDocument("doc-1"));
        Assert.Equal(WalletScenario.Ehic, store.FindDocument("doc-1")!.Payload.Document);
        Assert.Null(store.FindDocument("doc-2"));
        var other = Assert.Throws<IssuerStateException>(() => store.RecordDocument(new QrTokenPayload(WalletScenario.Isi, "doc-1")));
        Assert.Equal("another document is recorded under this jti: a document is issued once, and a new one needs a new jti.", other.Message);
        Assert.Throws<ArgumentException>(() => store.RecordDocument(new QrTokenPayload(WalletScenario.Ehic)));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Credentials_are_recorded_against_their_document_and_none_after_its_revocation(string dialect)
    {
        using var store = Open(dialect, out _);
        store.AddStatusConfiguration(new StatusListConfiguration("wallet", new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/wallet/") }));
        store.RecordDocument(new QrTokenPayload(WalletScenario.Ehic, "doc-1"));
        var at = scenario.Clock.GetUtcNow();
        var first = new MintedCredential("cred-1", "doc-1", "urn:eu.europa.ec.eudi:ehic:1", "0120", "wallet", new StatusListEntry(new Uri("https://status.example.org/wallet/1"), 17), "thumb-1", at, at.AddDays(30));
        var second = first with { CredentialId = "cred-2", StatusConfiguration = null, Status = null, HolderKeyThumbprint = "thumb-2", IssuedAt = at.AddMinutes(1) };
        store.RecordCredential(first);
        store.RecordCredential(second);
        Assert.Equal(new[] { first, second }, store.CredentialsOf("doc-1"));
        Assert.Equal(second, store.FindCredential("cred-2"));
        Assert.Null(store.FindCredential("cred-3"));
        Assert.Equal("no document is recorded under that jti: a wallet credential is minted from a recorded document.", Assert.Throws<IssuerStateException>(() => store.RecordCredential(first with { CredentialId = "cred-3", DocumentId = "doc-2" })).Message);

        // A revocation is history: appended each time, the first one dating the document's revocation.
        Assert.False(store.RecordRevocation("doc-2", 0));
        Assert.True(store.RecordRevocation("doc-1", 1));
        scenario.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(store.RecordRevocation("doc-1", 1));
        Assert.Equal(at, store.FindDocument("doc-1")!.RevokedAt);
        Assert.Equal("the document is revoked: no wallet credential is minted from it.", Assert.Throws<IssuerStateException>(() => store.RecordCredential(first with { CredentialId = "cred-3" })).Message);
        Assert.Equal(2, store.CredentialsOf("doc-1").Count);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Status_list_configurations_are_named_once_with_one_address_and_one_shape_each(string dialect)
    {
        using var store = Open(dialect, out _);
        var wallet = new StatusListConfiguration("wallet", new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/wallet/"), Lifetime = TimeSpan.FromHours(8), TimeToLive = TimeSpan.FromMinutes(30) });
        store.AddStatusConfiguration(wallet);
        Assert.Equal("a status list configuration named 'wallet' exists already.", Assert.Throws<IssuerStateException>(() => store.AddStatusConfiguration(wallet with { Options = new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/x/"), Bits = 1 } })).Message);
        var sameShape = new StatusListConfiguration("other", new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/other/") });
        Assert.Contains("shape", Assert.Throws<IssuerStateException>(() => store.AddStatusConfiguration(sameShape)).Message, StringComparison.Ordinal);
        store.AddStatusConfiguration(sameShape with { Options = new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/other/"), Bits = 1 } });

        Assert.Equal(["other", "wallet"], store.StatusConfigurations().Select(c => c.Name));
        var read = store.FindStatusConfiguration("wallet")!.Options;
        Assert.Equal((wallet.Options.BaseAddress, wallet.Options.Bits, wallet.Options.EntriesPerList, TimeSpan.FromHours(8), TimeSpan.FromMinutes(30)), (read.BaseAddress, read.Bits, read.EntriesPerList, read.Lifetime, read.TimeToLive));
        Assert.Null(store.FindStatusConfiguration("none"));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Two_stores_racing_to_record_different_documents_under_one_jti_record_one_and_refuse_the_other(string dialect)
    {
        using var first = Open(dialect, out var location);
        using var second = Open(location);
        const int Documents = 100;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(int Index, bool Ehic, bool Recorded)>();
        Parallel.For(0, Documents * 2, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var ehic = n % 2 == 0;
            var store = ehic ? first : second;
            var payload = new QrTokenPayload(ehic ? WalletScenario.Ehic : WalletScenario.Isi, $"race-{n / 2}");
            try
            {
                store.RecordDocument(payload);
                outcomes.Add((n / 2, ehic, true));
            }
            catch (IssuerStateException)
            {
                outcomes.Add((n / 2, ehic, false));
            }
        });

        // For each jti exactly one of the two was recorded, and the store holds that one.
        Assert.All(outcomes.GroupBy(o => o.Index), race =>
        {
            var winner = Assert.Single(race, o => o.Recorded);
            var stored = first.FindDocument($"race-{race.Key}")!.Payload.Document;
            Assert.Equal(winner.Ehic ? WalletScenario.Ehic : WalletScenario.Isi, stored);
        });
        Assert.Equal(Documents, outcomes.Count(o => o.Recorded));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Credentials_minted_while_another_store_revokes_the_document_are_either_refused_or_seen_by_the_revocation(string dialect)
    {
        using var minting = Open(dialect, out var location);
        using var revoking = Open(location);
        for (var round = 0; round < 20; round++)
        {
            var id = $"doc-{round}";
            minting.RecordDocument(new QrTokenPayload(WalletScenario.Ehic, id));
            var at = scenario.Clock.GetUtcNow();
            var recorded = new System.Collections.Concurrent.ConcurrentBag<string>();
            var seenByRevocation = new List<string>();
            Parallel.Invoke(
                () =>
                {
                    for (var i = 0; i < 10; i++)
                    {
                        try
                        {
                            minting.RecordCredential(new MintedCredential($"{id}-cred-{i}", id, "urn:eu.europa.ec.eudi:ehic:1", "0120", null, null, "thumb", at, at.AddDays(1)));
                            recorded.Add($"{id}-cred-{i}");
                        }
                        catch (IssuerStateException)
                        {
                            // refused: the document was revoked first
                        }
                    }
                },
                () =>
                {
                    revoking.RecordRevocation(id, 0);
                    seenByRevocation.AddRange(revoking.CredentialsOf(id).Select(c => c.CredentialId));
                });

            // Every credential recorded was recorded before the revocation, so the revocation's read finds it.
            Assert.Equal(recorded.Order(StringComparer.Ordinal), seenByRevocation.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_in_one_line()
    {
        var path = Path.Combine(folder, "issuer.db");
        File.WriteAllText(path, new string('x', 4096));
        var error = Assert.Throws<IssuerStateException>(() => IssuedDocumentStore.Open(path, scenario.Clock));
        Assert.Equal("the issuer database 'issuer.db' cannot be used: the file is not an SQLite database.", error.Message);
    }

    [Fact]
    public void An_unreachable_server_is_named_without_its_password()
    {
        var error = Assert.Throws<IssuerStateException>(() => IssuedDocumentStore.Open("Host=127.0.0.1;Port=1;Username=u;Password=secret-password;Database=d;Timeout=2", scenario.Clock));
        Assert.Equal("the issuer database cannot be used: cannot connect to PostgreSQL at 127.0.0.1:1/d: connection refused (is the server running, and listening there?).", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        scenario.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private IssuedDocumentStore Open(string dialect, out string location)
    {
        location = dialect == "sqlite" ? Path.Combine(folder, $"issuer-{Guid.NewGuid():N}.db") : postgres.NewSchema();
        return Open(location);
    }

    private IssuedDocumentStore Open(string location) => IssuedDocumentStore.Open(location, scenario.Clock);
}
