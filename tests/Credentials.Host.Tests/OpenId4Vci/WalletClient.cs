using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Credentials.Signing;
using Credentials.Wallet.Jose;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// A wallet of ours, speaking OpenID4VCI 1.0 over HTTP as a phone would: it reads an offer (by value or by
/// reference), the issuer's and the authorization server's metadata, redeems the pre-authorized code at the token
/// endpoint, fetches a c_nonce and asks for credentials with one fresh key proof per holder key. Nothing of the host
/// is called in-process.
/// </summary>
public sealed class WalletClient(HttpClient http, TimeProvider clock)
{
    public HttpClient Http => http;

    /// <summary>The offer object of an <c>openid-credential-offer://</c> URI, fetched when it is by reference.</summary>
    public async Task<JsonObject> ResolveOfferAsync(string offerUri)
    {
        Assert.StartsWith("openid-credential-offer://?", offerUri, StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(offerUri[offerUri.IndexOf('?', StringComparison.Ordinal)..]);
        if (query["credential_offer"] is { } byValue)
        {
            return JsonNode.Parse(byValue)!.AsObject();
        }

        var reference = query["credential_offer_uri"] ?? throw new InvalidOperationException("the offer URI has neither credential_offer nor credential_offer_uri.");
        using var response = await http.GetAsync(new Uri(reference));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task<IssuerEndpoints> DiscoverAsync(string issuer)
    {
        var metadata = await GetJsonAsync(WellKnown(issuer, "openid-credential-issuer"));
        Assert.Equal(issuer, (string?)metadata["credential_issuer"]);
        // The issuer is its own authorization server (§12.2.4: no authorization_servers): RFC 8414 §3.3, the same string.
        Assert.Null(metadata["authorization_servers"]);
        var server = await GetJsonAsync(WellKnown(issuer, "oauth-authorization-server"));
        Assert.Equal(issuer, (string?)server["issuer"]);
        Assert.Contains("urn:ietf:params:oauth:grant-type:pre-authorized_code", server["grant_types_supported"]!.AsArray().Select(g => (string?)g));
        Assert.True((bool)server["pre-authorized_grant_anonymous_access_supported"]!);
        return new IssuerEndpoints(issuer, metadata, (string)server["token_endpoint"]!, (string)metadata["nonce_endpoint"]!, (string)metadata["credential_endpoint"]!);
    }

    /// <summary>§6.1: the token request of the pre-authorized code grant.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(string tokenEndpoint, string? code, string? txCode = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code") };
        if (code is not null)
        {
            form.Add(new("pre-authorized_code", code));
        }

        if (txCode is not null)
        {
            form.Add(new("tx_code", txCode));
        }

        using var response = await http.PostAsync(new Uri(tokenEndpoint), new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public async Task<string> NonceAsync(string nonceEndpoint)
    {
        using var response = await http.PostAsync(new Uri(nonceEndpoint), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["c_nonce"]!;
    }

    /// <summary>Appendix F.1: a key proof by <paramref name="holder"/>, with a header and claims the test may alter.</summary>
    public string Proof(ISigner holder, string audience, string? nonce, Action<JsonObject, JsonObject>? alter = null)
    {
        var header = new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = PublicJwk.ToJson(holder.PublicKey) };
        var claims = new JsonObject { ["aud"] = audience, ["iat"] = clock.GetUtcNow().ToUnixTimeSeconds() };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        alter?.Invoke(header, claims);
        return JwsSigning.SignCompact(holder, header, Encoding.UTF8.GetBytes(claims.ToJsonString()));
    }

    /// <summary>§8.2: a credential request with <c>proofs.jwt</c>.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> CredentialAsync(string credentialEndpoint, string? accessToken, string configurationId, IEnumerable<string> proofs)
    {
        var body = new JsonObject { ["credential_configuration_id"] = configurationId, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray([.. proofs.Select(p => (JsonNode)p)]) } };
        return await CredentialRawAsync(credentialEndpoint, accessToken, body.ToJsonString());
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> CredentialRawAsync(string credentialEndpoint, string? accessToken, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, credentialEndpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>
    /// The whole flow: offer → metadata → token (with the transaction code, if any) → nonce → one credential per holder
    /// key, each with a fresh proof. Returns the SD-JWT VCs in the order of the keys.
    /// </summary>
    public async Task<IReadOnlyList<string>> ImportAsync(string offerUri, string? txCode, params ISigner[] holders)
    {
        var offer = await ResolveOfferAsync(offerUri);
        var issuer = (string)offer["credential_issuer"]!;
        var configuration = (string)offer["credential_configuration_ids"]![0]!;
        var code = (string)offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!;
        var endpoints = await DiscoverAsync(issuer);
        Assert.NotNull(endpoints.Metadata["credential_configurations_supported"]![configuration]);

        var (status, token) = await TokenAsync(endpoints.Token, code, txCode);
        Assert.True(status == HttpStatusCode.OK, token.ToJsonString());
        Assert.Equal("Bearer", (string?)token["token_type"], StringComparer.OrdinalIgnoreCase);
        var nonce = await NonceAsync(endpoints.Nonce);
        var (credentialStatus, response) = await CredentialAsync(endpoints.Credential, (string)token["access_token"]!, configuration, holders.Select(h => Proof(h, issuer, nonce)));
        Assert.True(credentialStatus == HttpStatusCode.OK, response.ToJsonString());
        return [.. response["credentials"]!.AsArray().Select(c => (string)c!["credential"]!)];
    }

    /// <summary>
    /// OpenID4VCI 1.0 §12.2.2 and RFC 8414 §3.1: the metadata address of an identifier, the well-known part inserted
    /// between its host and its path (if any).
    /// </summary>
    public static string WellKnown(string identifier, string suffix)
    {
        var uri = new Uri(identifier);
        return $"{uri.Scheme}://{uri.Authority}/.well-known/{suffix}{uri.AbsolutePath.TrimEnd('/')}";
    }

    private async Task<JsonObject> GetJsonAsync(string uri)
    {
        using var response = await http.GetAsync(new Uri(uri));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}

/// <summary>What discovery found: the issuer, its metadata, and the endpoints a wallet calls.</summary>
public sealed record IssuerEndpoints(string Issuer, JsonObject Metadata, string Token, string Nonce, string Credential);
