using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.Tests.SdJwt;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.Interop;

/// <summary>
/// Interop with an independent implementation (@sd-jwt/sd-jwt-vc 0.19.0 and @sd-jwt/crypto-nodejs 0.19.0 under
/// Node, see package-lock.json): it verifies an SD-JWT+KB we issued and presented, and we verify one it issued.
/// </summary>
public sealed class InteropTests
{
    private const string Audience = "https://verifier.example.org";
    private const string Nonce = "5o2OX4b3qa0";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void Node_verifies_an_sd_jwt_with_key_binding_that_we_issued_and_presented()
    {
        NodeSdJwt.Require();
        using var issuer = TestKeys.Signer(TestKeys.IssuerJwk);
        using var holderKey = TestKeys.Signer(TestKeys.HolderJwk);
        var claims = new JsonObject
        {
            ["iss"] = "https://issuer.example.org",
            ["vct"] = "urn:example:interop:1",
            ["iat"] = Now.AddDays(-1).ToUnixTimeSeconds(),
            ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["address"] = new JsonObject { ["locality"] = "Köln", ["country"] = "DE" },
            ["nationalities"] = new JsonArray("DE", "FR"),
        };
        ClaimPath[] disclosable = [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("nationalities", 1)];
        var issued = new SdJwtIssuer(issuer, new JsonObject { ["typ"] = "dc+sd-jwt" })
            .Issue(claims, disclosable, new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(holderKey.PublicKey), MinimumDecoyDigests = 1, MaximumDecoyDigests = 2 });
        Assert.True(SdJwtHolder.TryOpen(issued.ToCompact(), new FakeTimeProvider(Now), null, out var holder, out var failure), failure?.ToString());

        // Disclose the locality (and so its parent, the address) and the second nationality; withhold the names.
        var presentation = holder.Present([ClaimPath.Of("address", "locality"), ClaimPath.Of("nationalities", 1)], new KeyBindingRequest(holderKey, Audience, Nonce));
        var answer = NodeSdJwt.Call(new JsonObject
        {
            ["command"] = "verify",
            ["sdJwt"] = presentation.ToCompact(),
            ["issuerJwk"] = TestKeys.PublicJwk(TestKeys.IssuerJwk),
            ["nonce"] = Nonce,
            ["audience"] = Audience,
            ["now"] = Now.ToUnixTimeSeconds(),
        });

        var expected = (JsonObject)claims.DeepClone();
        expected.Remove("given_name");
        expected.Remove("family_name");
        expected["address"]!.AsObject().Remove("country");
        expected["address"]!["country"] = "DE";
        expected["cnf"] = new JsonObject { ["jwk"] = TestKeys.PublicJwk(TestKeys.HolderJwk) };
        JsonAssert.Equal(expected, answer["payload"]);
        Assert.Equal(KeyBindingJwt.ComputeSdHash(presentation.SdHashInput), answer["keyBinding"]!["sd_hash"]!.GetValue<string>());
    }

    [SkippableFact]
    public void We_verify_an_sd_jwt_with_key_binding_that_node_issued_and_presented()
    {
        NodeSdJwt.Require();
        var claims = new JsonObject
        {
            ["iss"] = "https://issuer.example.org",
            ["vct"] = "urn:example:interop:1",
            ["iat"] = Now.AddDays(-1).ToUnixTimeSeconds(),
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["birthdate"] = "1964-08-12",
        };
        var answer = NodeSdJwt.Call(new JsonObject
        {
            ["command"] = "issue",
            ["claims"] = claims.DeepClone(),
            ["disclosable"] = new JsonArray("given_name", "family_name", "birthdate"),
            ["issuerJwk"] = TestKeys.IssuerJwk.DeepClone(),
            ["holderJwk"] = TestKeys.HolderJwk.DeepClone(),
            ["nonce"] = Nonce,
            ["audience"] = Audience,
            ["now"] = Now.ToUnixTimeSeconds(),
        });

        using var issuerKey = TestKeys.PublicKey(TestKeys.IssuerJwk);
        var verifier = new SdJwtVerifier(KeyResolver.Single(issuerKey), new SdJwtVerifierOptions { AcceptedTypes = new HashSet<string> { "dc+sd-jwt" } }, new FakeTimeProvider(Now.AddSeconds(5)));
        var result = verifier.Verify(answer["presentation"]!.GetValue<string>(), new KeyBindingExpectation(Audience, Nonce));

        Assert.True(result.IsValid, result.Failure?.ToString());
        claims["cnf"] = new JsonObject { ["jwk"] = TestKeys.PublicJwk(TestKeys.HolderJwk) };
        JsonAssert.Equal(claims, result.Claims);
        Assert.Equal(3, result.Disclosed.Count);
        Assert.Equal(KeyBindingStatus.Verified, result.KeyBinding);

        // The same presentation is refused for another nonce: the KB-JWT Node made is really checked.
        Assert.Equal(SdJwtError.KeyBindingNonceMismatch, verifier.Verify(answer["presentation"]!.GetValue<string>(), new KeyBindingExpectation(Audience, "other")).Failure?.Code);
    }
}
