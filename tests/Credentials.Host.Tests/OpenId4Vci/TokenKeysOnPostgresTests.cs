using System.Net;
using System.Security.Cryptography;
using Credentials.Database;
using Credentials.Host.Tests.Support;
using Credentials.Storage.Accounts;
using Credentials.Storage.Offers;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// Two hosts on one PostgreSQL database holding the key ring and the wallet-import state, with the operator's
/// key-encryption certificate: an access token from one host validates at the other, and at a host started after it;
/// no row of the database holds a plain key-ring master key or a usable token key.
/// </summary>
public sealed class TokenKeysOnPostgresTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>
{
    private const string PublicAddress = "http://wallet.example.test";

    [SkippableFact]
    public async Task A_token_from_one_host_validates_at_the_other_and_after_a_restart_and_no_key_is_stored_in_the_clear()
    {
        var database = postgres.NewSchema();
        using var scenario = new HostScenario();
        using var certificate = new KeyEncryptionCertificate();
        var ehic = WalletImportHost.StoreEhic(scenario);
        var settings = certificate.With(new Dictionary<string, string?>
        {
            ["Credentials:Accounts:Store"] = database,
            ["Credentials:WalletImport:Store"] = database,
            ["Credentials:PublicBaseUrl"] = PublicAddress,
        });
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);
        await using var first = await WalletImportHost.StartAsync(scenario, settings);
        using var operatorClient = new HttpClient();
        using (var apiKeys = ApiKeyStore.Open(database, scenario.Clock))
        {
            operatorClient.DefaultRequestHeaders.Add(Credentials.Host.Accounts.ApiKeyAuthenticationHandler.HeaderName, apiKeys.Create("token keys on PostgreSQL", [Model.InstitutionId.Parse("BE:0120")]).Secret);
        }

        string later;
        await using (var second = await WalletImportHost.StartAsync(scenario, settings))
        {
            var (status, body) = await TokenKeyTests.CredentialAsync(second, wallet, await TokenKeyTests.AccessTokenAsync(first, operatorClient, wallet, ehic.Payload.TokenId!));
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            later = await TokenKeyTests.AccessTokenAsync(second, operatorClient, wallet, ehic.Payload.TokenId!);
        }

        // The second host stopped; a third one starts on the same database and accepts what the second issued.
        await using (var third = await WalletImportHost.StartAsync(scenario, settings))
        {
            var (status, body) = await TokenKeyTests.CredentialAsync(third, wallet, later);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }

        using (var ring = DataProtectionKeyStore.Open(database, scenario.Clock))
        {
            Assert.NotEmpty(ring.All());
            Assert.All(ring.All(), xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });
        }

        using var store = OfferStore.Open(DatabaseLocation.Parse(database), scenario.Clock);
        var keys = store.TokenKeys("access-token-signing").Concat(store.TokenKeys("token-encryption")).ToList();
        Assert.Equal(2, keys.Count);
        Assert.All(keys, key =>
        {
            using var ecdsa = ECDsa.Create();
            Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(key.Bytes, out _));
        });
    }
}
