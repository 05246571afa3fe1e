using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Signing;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// Every way a wallet (or someone else) can get wallet import wrong, and the error OpenID4VCI 1.0 names for it: at the
/// token endpoint (§6.3: invalid_request, invalid_grant; a code used twice; a transaction code missing, wrong, and
/// dead after five wrong tries; an expired offer), at the credential endpoint (§8.3.1.2: invalid_proof for each
/// check of a key proof, invalid_nonce, unknown_credential_configuration, invalid_credential_request; a second
/// request on one offer), and when creating offers (authentication, institution, kind of document).
/// </summary>
public sealed class WalletImportErrorTests(WalletImportFixture fixture) : IClassFixture<WalletImportFixture>
{
    private const string Ehic = "ehic_dc+sd-jwt";

    private WalletClient Wallet => fixture.Wallet;

    private string Issuer => fixture.Host.Issuer;

    [Fact]
    public async Task The_token_endpoint_refuses_a_missing_or_unknown_code_and_a_code_used_twice()
    {
        var (status, body) = await Wallet.TokenAsync(Issuer + "/token", null);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (status, (string?)body["error"]));

        (status, body) = await Wallet.TokenAsync(Issuer + "/token", Base64Url(RandomNumberGenerator.GetBytes(32)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, (string?)body["error"]));

        var code = await CodeAsync(txCode: false);
        (status, _) = await Wallet.TokenAsync(Issuer + "/token", code.Code);
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await Wallet.TokenAsync(Issuer + "/token", code.Code);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, (string?)body["error"]));
    }

    [Fact]
    public async Task A_transaction_code_is_required_and_dies_after_five_wrong_tries()
    {
        var code = await CodeAsync(txCode: true);
        var (status, body) = await Wallet.TokenAsync(Issuer + "/token", code.Code);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (status, (string?)body["error"]));

        var wrong = code.TxCode == "000000" ? "111111" : "000000";
        for (var tries = 4; tries >= 0; tries--)
        {
            (status, body) = await Wallet.TokenAsync(Issuer + "/token", code.Code, wrong);
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, (string?)body["error"]));
            Assert.Contains(tries > 0 ? $"{tries} tries left" : "no longer works", (string?)body["error_description"], StringComparison.Ordinal);
        }

        // The right code, now: too late.
        (status, body) = await Wallet.TokenAsync(Issuer + "/token", code.Code, code.TxCode);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, (string?)body["error"]));

        // A fresh offer's right code works at once, and a wrong one first still leaves four tries.
        var fresh = await CodeAsync(txCode: true);
        (status, _) = await Wallet.TokenAsync(Issuer + "/token", fresh.Code, wrong);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body) = await Wallet.TokenAsync(Issuer + "/token", fresh.Code, fresh.TxCode);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task An_offer_stops_working_when_it_expires_and_a_new_offer_replaces_an_old_one()
    {
        var expiring = await CodeAsync(txCode: false);
        fixture.Scenario.Clock.Advance(TimeSpan.FromMinutes(10));
        var (status, body) = await Wallet.TokenAsync(Issuer + "/token", expiring.Code);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, (string?)body["error"]));
        using (var reference = await fixture.Http.GetAsync(new Uri(expiring.Offer["credential_offer_uri"]!.GetValue<string>())))
        {
            Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
        }

        // After expiry, a new offer for the same document; and a newer one replaces it.
        var replaced = await CodeAsync(txCode: false);
        var current = await CodeAsync(txCode: false);
        (status, _) = await Wallet.TokenAsync(Issuer + "/token", replaced.Code);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await Wallet.TokenAsync(Issuer + "/token", current.Code);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Each_check_of_a_key_proof_is_an_invalid_proof_and_spends_no_nonce()
    {
        var token = await AccessTokenAsync();
        using var holder = InMemorySigner.CreateP256();
        var nonce = await Wallet.NonceAsync(Issuer + "/nonce");
        var now = fixture.Scenario.Clock.GetUtcNow().ToUnixTimeSeconds();
        Action<JsonObject, JsonObject>[] broken =
        [
            (header, _) => header["typ"] = "JWT",
            (header, _) => header.Remove("typ"),
            (_, claims) => claims["aud"] = "https://another-issuer.example.org",
            (_, claims) => claims.Remove("aud"),
            (_, claims) => claims["iat"] = now - 3600,
            (_, claims) => claims["iat"] = now + 3600,
            (_, claims) => claims.Remove("iat"),
            (_, claims) => claims.Remove("nonce"),
            (header, _) => header["kid"] = "did:example:holder#1",
            (header, _) => header.Remove("jwk"),
            (header, _) => header["jwk"]!["x"] = PublicJwkX(),
        ];
        foreach (var alter in broken)
        {
            await ExpectAsync(token, [Wallet.Proof(holder, Issuer, nonce, alter)], "invalid_proof");
        }

        // alg: an RSA key's RS256 proof is off the allow-list; a tampered signature does not verify.
        using (var rsa = new InMemorySigner(RSA.Create(2048)))
        {
            await ExpectAsync(token, [Wallet.Proof(rsa, Issuer, nonce)], "invalid_proof");
        }

        var good = Wallet.Proof(holder, Issuer, nonce);
        await ExpectAsync(token, [good[..^4] + (good[^4] == 'A' ? "B" : "A") + good[^3..]], "invalid_proof");
        await ExpectAsync(token, ["not.a.jwt"], "invalid_proof");
        // The same key twice, and two nonces in one request.
        await ExpectAsync(token, [good, Wallet.Proof(holder, Issuer, nonce)], "invalid_proof");
        using var other = InMemorySigner.CreateP256();
        await ExpectAsync(token, [good, Wallet.Proof(other, Issuer, "another-nonce")], "invalid_proof");

        // None of these spent the nonce or the offer: the good proof still gets its credential.
        var (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, [good]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task A_nonce_is_single_use_and_must_come_from_the_nonce_endpoint()
    {
        var token = await AccessTokenAsync();
        using var holder = InMemorySigner.CreateP256();
        await ExpectAsync(token, [Wallet.Proof(holder, Issuer, "made-up-nonce")], "invalid_nonce");

        var nonce = await Wallet.NonceAsync(Issuer + "/nonce");
        var (status, _) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, [Wallet.Proof(holder, Issuer, nonce)]);
        Assert.Equal(HttpStatusCode.OK, status);

        var second = await AccessTokenAsync();
        await ExpectAsync(second, [Wallet.Proof(holder, Issuer, nonce)], "invalid_nonce");

        // An expired nonce is refused too.
        var stale = await Wallet.NonceAsync(Issuer + "/nonce");
        fixture.Scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await AccessTokenAsync();
        await ExpectAsync(third, [Wallet.Proof(holder, Issuer, stale)], "invalid_nonce");
    }

    [Fact]
    public async Task The_credential_endpoint_refuses_bad_requests_by_their_spec_names()
    {
        var token = await AccessTokenAsync();
        using var holder = InMemorySigner.CreateP256();
        var nonce = await Wallet.NonceAsync(Issuer + "/nonce");
        var proof = Wallet.Proof(holder, Issuer, nonce);

        var (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", null, Ehic, [proof]);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (status, (string?)body["error"]));
        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", "not-a-token", Ehic, [proof]);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (status, (string?)body["error"]));

        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, "pid_dc+sd-jwt", [proof]);
        Assert.Equal((HttpStatusCode.BadRequest, "unknown_credential_configuration"), (status, (string?)body["error"]));
        (status, body) = await Wallet.CredentialRawAsync(Issuer + "/credential", token, "{\"credential_configuration_id\":\"ehic_dc+sd-jwt\"}");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_proof"), (status, (string?)body["error"]));
        (status, body) = await Wallet.CredentialRawAsync(Issuer + "/credential", token, "{\"credential_configuration_id\":\"ehic_dc+sd-jwt\",\"proof\":{\"proof_type\":\"jwt\",\"jwt\":\"" + proof + "\"}}");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credential_request"), (status, (string?)body["error"]));
        (status, body) = await Wallet.CredentialRawAsync(Issuer + "/credential", token, "{\"proofs\":{\"jwt\":[\"" + proof + "\"]}}");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credential_request"), (status, (string?)body["error"]));
        (status, body) = await Wallet.CredentialRawAsync(Issuer + "/credential", token, "{ not json");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credential_request"), (status, (string?)body["error"]));

        // The batch is bounded, and so is the request.
        var keys = Enumerable.Range(0, 11).Select(_ => InMemorySigner.CreateP256()).ToList();
        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, keys.Select(k => Wallet.Proof(k, Issuer, nonce)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credential_request"), (status, (string?)body["error"]));
        keys.ForEach(k => k.Dispose());
        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, [new string('a', 200 * 1024)]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);

        // The right request works once; the offer is spent after it.
        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, [proof]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var again = await Wallet.NonceAsync(Issuer + "/nonce");
        (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, [Wallet.Proof(holder, Issuer, again)]);
        Assert.Equal((HttpStatusCode.BadRequest, "credential_request_denied"), (status, (string?)body["error"]));
    }

    [Fact]
    public async Task Offers_are_created_only_by_an_operator_of_the_documents_institution_and_only_for_wallet_documents()
    {
        var uri = new Uri(fixture.Host.Address, "/api/v1/offers");
        using (var anonymous = await fixture.Http.PostAsJsonAsync(uri, new { document = fixture.Ehic.Payload.TokenId }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var elsewhere = WalletImportHost.Operator(fixture.Scenario, "BE:0170");
        using (var other = await elsewhere.PostAsJsonAsync(uri, new { document = fixture.Ehic.Payload.TokenId }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal("institution-not-allowed", await ProblemCodeAsync(other));
        }

        using (var prc = await fixture.Operator.PostAsJsonAsync(uri, new { document = fixture.Prc.Payload.TokenId }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, prc.StatusCode);
            Assert.Equal("no-wallet-credential", await ProblemCodeAsync(prc));
        }

        using (var unknown = await fixture.Operator.PostAsJsonAsync(uri, new { document = "no-such-document" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("no-document", await ProblemCodeAsync(unknown));
        }

        using var bad = await fixture.Operator.PostAsync(uri, new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("not-json", await ProblemCodeAsync(bad));
    }

    /// <summary>The problem's <c>code</c>, as every problem of the insurer's APIs has one.</summary>
    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"];
    }

    private async Task ExpectAsync(string token, string[] proofs, string error)
    {
        var (status, body) = await Wallet.CredentialAsync(Issuer + "/credential", token, Ehic, proofs);
        Assert.True(status == HttpStatusCode.BadRequest && (string?)body["error"] == error, $"expected {error}, got {(int)status} {body.ToJsonString()}");
    }

    private async Task<(string Code, string? TxCode, JsonObject Offer)> CodeAsync(bool txCode)
    {
        var offer = await fixture.Host.CreateOfferAsync(fixture.Operator, fixture.Ehic.Payload.TokenId!, txCode);
        var resolved = await Wallet.ResolveOfferAsync((string)offer["offer_uri"]!);
        return ((string)resolved["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!, (string?)offer["tx_code"], offer);
    }

    private async Task<string> AccessTokenAsync()
    {
        var code = await CodeAsync(txCode: false);
        var (status, body) = await Wallet.TokenAsync(Issuer + "/token", code.Code);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return (string)body["access_token"]!;
    }

    private static string PublicJwkX()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Base64Url(key.ExportParameters(false).Q.X!);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
