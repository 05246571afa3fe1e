using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// One identifier for the host, written one way everywhere a wallet compares it: the credential issuer
/// (OpenID4VCI 1.0 §12.2.1), the authorization server's <c>issuer</c> (the issuer is its own authorization server,
/// RFC 8414 §3.3: identical to the identifier its metadata address was made from), the access token's <c>iss</c>,
/// the audience the verify nonce names, and the metadata addresses made from it as the specifications say. With
/// the listening address and with a configured public base URL written with a trailing '/'.
/// </summary>
public sealed class IssuerIdentifierTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("http://wallet.example.test/")]
    public async Task The_credential_issuer_the_authorization_server_the_token_and_the_verify_audience_name_one_identifier(string? publicBaseUrl)
    {
        using var scenario = new HostScenario();
        var ehic = WalletImportHost.StoreEhic(scenario);
        await using var host = await WalletImportHost.StartAsync(scenario, publicBaseUrl is null ? null : new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = publicBaseUrl });
        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);
        var identifier = publicBaseUrl?.TrimEnd('/') ?? host.Issuer;
        Assert.False(identifier.EndsWith('/'));

        // The metadata, fetched where the identifier says (the host answers for the public address on its own).
        var issuerMetadata = await GetJsonAsync(http, OnHost(host, WalletClient.WellKnown(identifier, "openid-credential-issuer")));
        var serverMetadata = await GetJsonAsync(http, OnHost(host, WalletClient.WellKnown(identifier, "oauth-authorization-server")));
        Assert.Equal(identifier, (string?)issuerMetadata["credential_issuer"]);
        Assert.Null(issuerMetadata["authorization_servers"]);
        Assert.Equal(identifier, (string?)serverMetadata["issuer"]);
        Assert.Equal(identifier + "/token", (string?)serverMetadata["token_endpoint"]);
        Assert.Equal(identifier + "/credential", (string?)issuerMetadata["credential_endpoint"]);

        // The offer names it, and the access token carries it as iss.
        var offerUri = (string)(await host.CreateOfferAsync(operatorClient, ehic.Payload.TokenId!))["offer_uri"]!;
        var offer = await wallet.ResolveOfferAsync(offerUri.Replace(Uri.EscapeDataString(identifier), Uri.EscapeDataString(host.Issuer), StringComparison.Ordinal));
        Assert.Equal(identifier, (string?)offer["credential_issuer"]);
        var code = (string)offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!;
        var (status, token) = await wallet.TokenAsync(host.Issuer + "/token", code);
        Assert.True(status == HttpStatusCode.OK, token.ToJsonString());
        Assert.Equal(identifier, (string?)Claims((string)token["access_token"]!)["iss"]);

        // A wallet presentation's key binding names the same string.
        using var nonce = await http.PostAsync(new Uri(host.Issuer + "/api/v1/verify/nonce"), null);
        Assert.Equal(identifier, (string?)JsonNode.Parse(await nonce.Content.ReadAsStringAsync())!["audience"]);
    }

    /// <summary>An address under the public identifier, sent to the host where it listens.</summary>
    private static string OnHost(WalletImportHost host, string address) => host.Issuer + new Uri(address).PathAndQuery;

    private static JsonObject Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='))))!.AsObject();
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient http, string address)
    {
        using var response = await http.GetAsync(new Uri(address));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
