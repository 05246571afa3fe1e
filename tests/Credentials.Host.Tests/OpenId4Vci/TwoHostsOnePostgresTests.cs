using System.Net;
using Credentials.Host.Tests.Support;
using Credentials.Signing;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// Several hosts, one state: two hosts behind one public address on one PostgreSQL database. Every pre-authorized
/// code raced by two token requests, one at each host, is redeemed exactly once; an access token from one host is
/// accepted by the other (the token keys are shared, not made per host); a nonce from one is spent at the other.
/// </summary>
public sealed class TwoHostsOnePostgresTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>
{
    private const string PublicAddress = "http://wallet.example.test";

    [SkippableFact]
    public async Task A_thousand_codes_raced_by_two_hosts_are_each_redeemed_exactly_once()
    {
        var database = postgres.NewSchema();
        using var scenario = new HostScenario();
        var ehic = WalletImportHost.StoreEhic(scenario);
        var isi = WalletImportHost.StoreIsiPlus(scenario);
        using var certificate = new KeyEncryptionCertificate();
        var settings = certificate.With(new Dictionary<string, string?>
        {
            ["Credentials:WalletImport:Store"] = database,
            ["Credentials:PublicBaseUrl"] = PublicAddress,
        });
        await using var first = await WalletImportHost.StartAsync(scenario, settings);
        await using var second = await WalletImportHost.StartAsync(scenario, settings);
        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);

        // 1,000 offers, each for its own document id would need 1,000 documents; two documents alternate, and since
        // a new offer replaces the document's earlier one, each code is raced as soon as its offer exists.
        var documents = new[] { (Id: ehic.Payload.TokenId!, Configuration: "ehic_dc+sd-jwt"), (Id: isi.Payload.TokenId!, Configuration: "isi_plus_dc+sd-jwt") };
        WalletImportHost[] hosts = [first, second];
        var winners = new int[2];
        var lastTokens = new (string Token, string Configuration)[2];
        for (var round = 0; round < 500; round++)
        {
            var codes = await Task.WhenAll(documents.Select(async (document, i) =>
            {
                var offer = await hosts[i].CreateOfferAsync(operatorClient, document.Id);
                var reference = ((string)offer["offer_uri"]!).Replace(Uri.EscapeDataString(PublicAddress), Uri.EscapeDataString(hosts[1 - i].Issuer), StringComparison.Ordinal);
                var resolved = await wallet.ResolveOfferAsync(reference);
                return (Code: (string)resolved["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!, document.Configuration);
            }));

            // Each code raced by two requests at once, one per host.
            await Task.WhenAll(codes.Select(async code =>
            {
                var race = await Task.WhenAll(wallet.TokenAsync(first.Issuer + "/token", code.Code), wallet.TokenAsync(second.Issuer + "/token", code.Code));
                var won = race.Where(r => r.Status == HttpStatusCode.OK).ToList();
                Assert.True(won.Count == 1, $"round {round}: {won.Count} of 2 requests redeemed one code");
                var lost = Assert.Single(race, r => r.Status != HttpStatusCode.OK);
                Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (lost.Status, (string?)lost.Body["error"]));
                var winner = race[0].Status == HttpStatusCode.OK ? 0 : 1;
                Interlocked.Increment(ref winners[winner]);
                lock (lastTokens)
                {
                    lastTokens[winner] = ((string)won[0].Body["access_token"]!, code.Configuration);
                }
            }));
        }

        Assert.Equal(1000, winners.Sum());
        // Both hosts won races: the database decided, not one host always being first.
        Assert.All(winners, w => Assert.True(w > 0, string.Join(" / ", winners)));

        // An access token one host issued gets its credential at the other, with a nonce from the first.
        using var holder = InMemorySigner.CreateP256();
        for (var issuedBy = 0; issuedBy < 2; issuedBy++)
        {
            var (token, configuration) = lastTokens[issuedBy];
            var nonce = await wallet.NonceAsync(hosts[issuedBy].Issuer + "/nonce");
            var (status, body) = await wallet.CredentialAsync(hosts[1 - issuedBy].Issuer + "/credential", token, configuration, [wallet.Proof(holder, PublicAddress, nonce)]);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
    }
}
