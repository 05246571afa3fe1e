using System.Text;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;
using Credentials.Wallet.Tests.SdJwtVc;
using Credentials.WireFormat;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet.Tests.Storage;

/// <summary>
/// One document, several wallet credentials, on a real SQLite file: minted from the stored document with its
/// document_number, recorded against it, and all revoked with it; the history is appended, never rewritten.
/// </summary>
public sealed class DocumentChannelsTests : IDisposable
{
    private const string Jti = "0f4e1d2c-7b6a-4c59-8e3d-2a1b0c9d8e7f";
    private readonly WalletScenario scenario = new();
    private readonly string folder = Directory.CreateTempSubdirectory("wallet-channels-").FullName;
    private readonly LoopbackHttpServer server = new();
    private readonly IssuedDocumentStore documents;
    private readonly SqliteStatusListStore statusLists;
    private readonly DocumentChannels channels;

    public DocumentChannelsTests()
    {
        var path = Path.Combine(folder, "issuer.db");
        documents = IssuedDocumentStore.Open(path, scenario.Clock);
        statusLists = SqliteStatusListStore.Open(path, scenario.Clock);
        documents.AddStatusConfiguration(new StatusListConfiguration("wallet", new StatusListIssuerOptions { BaseAddress = server.Url("status/") }));
        channels = new DocumentChannels(documents, statusLists, scenario.Clock);
    }

    [Fact]
    public async Task Credentials_minted_from_one_document_share_its_number_and_are_all_revoked_with_it()
    {
        documents.RecordDocument(new QrTokenPayload(WalletScenario.Ehic, Jti, new Uri("https://revocation.example.org/BE-0120/prc")));
        using var secondHolder = InMemorySigner.CreateP256();
        using var secondJwk = PublicJwk.FromKey(secondHolder.PublicKey);
        var first = channels.Mint(Jti, scenario.Issuer, scenario.HolderJwk, "wallet", TimeSpan.FromDays(30)).Credential!;
        var second = channels.Mint(Jti, scenario.Issuer, secondJwk, "wallet", TimeSpan.FromDays(30)).Credential!;

        var minted = documents.CredentialsOf(Jti);
        Assert.Equal(new[] { first.CredentialId, second.CredentialId }.Order(StringComparer.Ordinal), minted.Select(c => c.CredentialId).Order(StringComparer.Ordinal));
        Assert.All(minted, c => Assert.Equal(WalletScenario.Ehic.CardNumber, c.DocumentNumber));
        Assert.All(minted, c => Assert.NotNull(c.Status));
        Assert.NotEqual(minted[0].HolderKeyThumbprint, minted[1].HolderKeyThumbprint);
        Assert.NotEqual(minted[0].Status, minted[1].Status);

        // Before: both valid on the published list. After revoking the document: both revoked.
        Publish();
        Assert.True((await VerifyAsync(first.SdJwt, scenario.Holder)).IsApproved);
        Assert.Equal(2, channels.RevokeWalletCredentials(Jti));
        Assert.All(minted, c => Assert.Equal(StatusTypes.Invalid, statusLists.Find(WalletScenario.Institution, c.CredentialId)!.Status));
        Publish();
        Assert.Equal("REVOKED", (await VerifyAsync(first.SdJwt, scenario.Holder)).FailedStep?.Code);
        Assert.Equal("REVOKED", (await VerifyAsync(second.SdJwt, secondHolder)).FailedStep?.Code);

        // Revoked documents mint nothing more, and the revocation is history: a second one is appended.
        Assert.Throws<IssuerStateException>(() => channels.Mint(Jti, scenario.Issuer, scenario.HolderJwk, "wallet", TimeSpan.FromDays(30)));
        Assert.Equal(2, channels.RevokeWalletCredentials(Jti));
        Assert.Equal(2, Count("SELECT COUNT(*) FROM document_revocations WHERE document_jti = $jti"));
        Assert.Null(channels.RevokeWalletCredentials("no-such-document"));
    }

    [Fact]
    public void A_document_is_recorded_once_as_issued()
    {
        var payload = new QrTokenPayload(WalletScenario.Isi, Jti);
        var recorded = documents.RecordDocument(payload);
        Assert.Equal(recorded, documents.RecordDocument(new QrTokenPayload(WalletScenario.Isi, Jti)));
        Assert.Equal(payload.Document, documents.FindDocument(Jti)!.Payload.Document);
        Assert.Throws<IssuerStateException>(() => documents.RecordDocument(new QrTokenPayload(WalletScenario.Ehic, Jti)));
        Assert.Throws<ArgumentException>(() => documents.RecordDocument(new QrTokenPayload(WalletScenario.Ehic)));

        // The ISI+'s document_number is the document's jti, in every credential minted from it.
        var credential = channels.Mint(Jti, scenario.Issuer, scenario.HolderJwk, null, TimeSpan.FromDays(30)).Credential!;
        Assert.Equal(Jti, credential.DocumentNumber);
        Assert.Null(credential.Status);
        Assert.Equal(TimeSpan.FromHours(24), credential.ExpiresAt - credential.IssuedAt);
    }

    [Fact]
    public void Both_components_keep_their_version_in_one_schema_table_and_configurations_do_not_overlap()
    {
        Assert.Equal(1, Count("SELECT COUNT(*) FROM schema_versions WHERE component = 'status_lists'"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM schema_versions WHERE component = 'issued_documents'"));
        var again = new StatusListConfiguration("other", new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/other/") });
        Assert.Contains("shape", Assert.Throws<IssuerStateException>(() => documents.AddStatusConfiguration(again)).Message, StringComparison.Ordinal);
        documents.AddStatusConfiguration(again with { Options = new StatusListIssuerOptions { BaseAddress = new Uri("https://status.example.org/other/"), Bits = 1 } });
        Assert.Equal(["other", "wallet"], documents.StatusConfigurations().Select(c => c.Name));
    }

    private void Publish()
    {
        var configuration = documents.FindStatusConfiguration("wallet")!;
        var issuer = new StatusListIssuer(statusLists, configuration.Options, scenario.Clock);
        foreach (var list in issuer.DueForPublication())
        {
            var jwt = issuer.Publish(list, scenario.Signer).Jwt;
            server.Handle(list.AbsolutePath, _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(jwt)));
        }
    }

    private async Task<WalletVerificationReport> VerifyAsync(string issued, InMemorySigner holder)
    {
        Assert.True(Credentials.Wallet.SdJwt.SdJwtHolder.TryOpen(issued, scenario.Clock, null, out var opened, out _));
        var presentation = opened.Present([], new Credentials.Wallet.SdJwt.KeyBindingRequest(holder, WalletScenario.Audience, WalletScenario.Nonce)).ToCompact();
        using var http = new HttpClient();
        return await scenario.VerifyAsync(presentation, new DateOnly(2026, 6, 10), new TokenStatusListChecker(http, scenario.Registry, scenario.Clock, new TokenStatusListCheckerOptions { Timeout = TimeSpan.FromSeconds(60) })); // a busy test machine may need more than the default 5 s
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "issuer.db")};Mode=ReadOnly;Pooling=False;Default Timeout=15");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$jti", Jti);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        documents.Dispose();
        statusLists.Dispose();
        server.Dispose();
        scenario.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
