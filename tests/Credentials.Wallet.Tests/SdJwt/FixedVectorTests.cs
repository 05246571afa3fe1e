using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.SdJwt;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// The fixed-byte vectors of RFC 9901 and OpenID4VCI 1.0 (Vectors/sd-jwt-fixed, see its README for sources and
/// licences): each verifies with its published key and yields the stated claims; the digest pairs match.
/// </summary>
public sealed class FixedVectorTests
{
    private const string Audience = "https://verifier.example.org";
    private const string Nonce = "1234567890";

    // The KB-JWTs' iat is 1748537243 (2025-05-29T16:47:23Z); ten seconds later every vector is fresh and unexpired.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1748537243 + 10);

    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(VectorFiles.Folder("sd-jwt-fixed"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file != "disclosure-digests.json")
            {
                data.Add(file!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_verifies_with_its_published_key_and_yields_the_stated_claims(string file)
    {
        var vector = Load(file);
        var expected = vector["expected"]!;
        var required = expected["key_binding"]!["required"]!.GetValue<bool>();

        var result = Verifier(vector, requireKeyBinding: required).Verify(Text(vector), required ? new KeyBindingExpectation(Audience, Nonce) : null);

        Assert.True(result.IsValid, result.Failure?.ToString());
        JsonAssert.Equal(vector["expected_claims"], result.Claims);
        Assert.Equal(expected["disclosure_count"]!.GetValue<int>(), result.Disclosed.Count);
        Assert.Equal(required ? KeyBindingStatus.Verified : KeyBindingStatus.Absent, result.KeyBinding);
        var header = expected["issuer_jwt_header"] ?? expected["issuer_jws_protected_header"];
        JsonAssert.Equal(header, JsonNode.Parse(result.IssuerHeader.Protected.GetRawText()));
        if (required)
        {
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expected["key_binding"]!["iat"]!.GetValue<long>()), result.KeyBindingIssuedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sd_hash_input_and_sd_hash_are_those_published(string file)
    {
        var vector = Load(file);
        Assert.True(SdJwtToken.TryParse(Text(vector), null, out var sdJwt, out var failure), failure?.ToString());
        if (vector["sd_hash_input"] is { } input)
        {
            // RFC 9901 §8.1: the JSON forms hash their compact equivalent.
            Assert.Equal(input.GetValue<string>(), sdJwt.SdHashInput);
        }

        if (vector["expected"]!["key_binding"]!["sd_hash"] is { } sdHash)
        {
            Assert.Equal(sdHash.GetValue<string>(), KeyBindingJwt.ComputeSdHash(sdJwt.SdHashInput));
        }
        else
        {
            Assert.Null(sdJwt.KeyBinding);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_is_refused_by_a_verifier_whose_policy_differs_on_key_binding(string file)
    {
        var vector = Load(file);
        var required = vector["expected"]!["key_binding"]!["required"]!.GetValue<bool>();

        // RFC 9901 §7.3 step 2: an issuance form is refused where Key Binding is required; a KB-JWT that is sent
        // is checked even when not required, so without an audience and nonce to check it the presentation is refused.
        var result = Verifier(vector, requireKeyBinding: !required).Verify(Text(vector), required ? null : new KeyBindingExpectation(Audience, Nonce));

        Assert.False(result.IsValid);
        Assert.Equal(required ? SdJwtError.KeyBindingUnexpected : SdJwtError.KeyBindingMissing, result.Failure.Code);
    }

    [Fact]
    public void General_serialization_second_signature_does_not_verify_with_the_first_key()
    {
        var vector = Load("rfc9901-8.3-general-json-presentation-kb.json");
        var issuerKey = TestKeys.PublicKey(vector["issuer_jwk"]!);
        var resolver = KeyResolver.ById(new Dictionary<string, AsymmetricAlgorithm> { ["issuer-key-1"] = issuerKey, ["issuer-key-2"] = issuerKey });

        var result = new SdJwtVerifier(resolver, new SdJwtVerifierOptions(), new FakeTimeProvider(Now)).Verify(Text(vector), new KeyBindingExpectation(Audience, Nonce));

        Assert.Equal(SdJwtError.IssuerSignatureInvalid, result.Failure?.Code);
        Assert.Equal(["issuer-key-1", "issuer-key-2"], resolver.Asked.Select(h => h.KeyId));
    }

    [Fact]
    public void Every_published_disclosure_has_its_published_digest_and_content()
    {
        var vectors = Load("disclosure-digests.json")["vectors"]!.AsArray();
        Assert.Equal(88, vectors.Count);
        foreach (var pair in vectors)
        {
            Assert.True(Disclosure.TryParse(pair!["disclosure"]!.GetValue<string>(), 32, out var disclosure, out var failure), failure?.ToString());
            Assert.Equal(pair["digest"]!.GetValue<string>(), disclosure.Digest);
            Assert.Equal(pair["kind"]!.GetValue<string>() == "array-element", disclosure.IsArrayElement);
            var decoded = pair["decoded"]!.AsArray();
            Assert.Equal(decoded[0]!.GetValue<string>(), disclosure.Salt);
            Assert.Equal(disclosure.IsArrayElement ? null : decoded[1]!.GetValue<string>(), disclosure.Name);
            JsonAssert.Equal(decoded[^1], disclosure.ValueNode());
        }
    }

    internal static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(VectorFiles.Fixed(file)))!.AsObject();

    internal static string Text(JsonObject vector) => vector["sd_jwt"] is JsonValue text ? text.GetValue<string>() : vector["sd_jwt"]!.ToJsonString();

    internal static SdJwtVerifier Verifier(JsonObject vector, bool requireKeyBinding, TimeProvider? time = null)
    {
        var keys = new Dictionary<string, AsymmetricAlgorithm> { ["issuer-key-1"] = TestKeys.PublicKey(vector["issuer_jwk"]!) };
        foreach (var (kid, jwk) in vector["additional_issuer_jwks"]?.AsObject() ?? [])
        {
            keys[kid] = TestKeys.PublicKey(jwk!);
        }

        // Compact vectors name no resolvable kid: the test configuration gives the key (the vector README).
        var resolver = new KeyResolver(keys, keys["issuer-key-1"]);
        return new SdJwtVerifier(resolver, new SdJwtVerifierOptions { RequireKeyBinding = requireKeyBinding }, time ?? new FakeTimeProvider(Now));
    }
}
