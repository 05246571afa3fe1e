using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.WireFormat;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// The negative checklist for SD-JWT verifiers (RFC 9901 §7 and the public audit list: alg none, truncated or
/// wrong-length digests, salt reuse, KB aud/nonce/freshness, a bare JWT) and every structural rule of §7.1, each
/// forged with the issuer's key so that only the rule under test is broken.
/// </summary>
public sealed class NegativeChecklistTests : IDisposable
{
    private readonly Forge forge = new();

    private static readonly Disclosure GivenName = Forge.Member("2GLC42sKQveCfGfryNRN9w", "given_name", "John");
    private static readonly Disclosure Us = Forge.Element("lklxF5jMYlGTPUovMNIvCA", "US");

    [Fact]
    public void A_well_forged_presentation_verifies_so_each_refusal_below_is_its_rule_alone()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["nationalities"] = new JsonArray(Element(Us)), ["_sd_alg"] = "sha-256" });

        var result = forge.Verifier().Verify(forge.Present(jwt, [GivenName.Encoded, Us.Encoded]), Forge.Expected);

        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal("John", result.Claims["given_name"]!.GetValue<string>());
        Assert.False(result.Claims.ContainsKey("_sd"));
        Assert.False(result.Claims.ContainsKey("_sd_alg"));
    }

    [Theory]
    [InlineData("none", "")]
    [InlineData("none", "c2lnbmF0dXJl")]
    [InlineData("None", "")]
    [InlineData("HS256", "c2lnbmF0dXJl")]
    [InlineData("ES384", "c2lnbmF0dXJl")]
    [InlineData("es256", "c2lnbmF0dXJl")]
    public void Algorithm_none_HMAC_and_unknown_algorithms_are_refused(string alg, string signature)
    {
        var header = Base64UrlText.EncodeUtf8($$"""{"alg":"{{alg}}","typ":"example+sd-jwt"}""");
        var payload = Base64UrlText.EncodeUtf8("""{"_sd":[],"iss":"https://issuer.example.org"}""");

        Assert.Equal(SdJwtError.AlgorithmNotAllowed, Refuse($"{header}.{payload}.{signature}~", requireKeyBinding: false));
    }

    [Fact]
    public void Rs256_is_refused_unless_the_options_allow_it()
    {
        using var rsa = new InMemorySigner(RSA.Create(2048));
        var issued = new SdJwtIssuer(rsa).Issue(new JsonObject { ["given_name"] = "John" }, [ClaimPath.Of("given_name")]).ToCompact();
        var resolver = KeyResolver.Single(rsa.PublicKey);

        var refused = new SdJwtVerifier(resolver, new SdJwtVerifierOptions { RequireKeyBinding = false }, forge.Clock).Verify(issued);
        var allowed = new SdJwtVerifier(resolver, new SdJwtVerifierOptions { RequireKeyBinding = false, AllowedAlgorithms = new HashSet<JwsAlgorithm> { JwsAlgorithm.ES256, JwsAlgorithm.RS256 } }, forge.Clock).Verify(issued);

        Assert.Equal(SdJwtError.AlgorithmNotAllowed, refused.Failure?.Code);
        Assert.True(allowed.IsValid, allowed.Failure?.ToString());
    }

    [Fact]
    public void A_key_that_does_not_fit_the_algorithm_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });

        var result = new SdJwtVerifier(KeyResolver.Single(rsa), new SdJwtVerifierOptions(), forge.Clock).Verify(forge.Present(jwt, [GivenName.Encoded]), Forge.Expected);

        Assert.Equal(SdJwtError.IssuerKeyUnsuitable, result.Failure?.Code);
    }

    [Fact]
    public void A_refusal_of_the_key_resolver_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });
        var resolver = KeyResolver.ById(new Dictionary<string, AsymmetricAlgorithm>());

        var result = new SdJwtVerifier(resolver, null, forge.Clock).Verify(forge.Present(jwt, [GivenName.Encoded]), Forge.Expected);

        Assert.Equal(SdJwtError.IssuerKeyRefused, result.Failure?.Code);
    }

    [Theory]
    [InlineData(42, "a digest truncated by one character")]
    [InlineData(20, "a digest cut to 20 characters")]
    [InlineData(44, "a digest one character too long")]
    [InlineData(-1, "a padded digest")]
    [InlineData(-2, "a digest in standard base64 with '+' and '/'")]
    public void Truncated_and_wrong_length_digests_are_refused(int length, string what)
    {
        var digest = GivenName.Digest;
        var wrong = length switch
        {
            -1 => digest + "=",
            -2 => "+/" + digest[2..],
            44 => digest + "A",
            _ => digest[..length],
        };
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = new JsonArray(wrong) });

        Assert.True(SdJwtError.DigestMalformed == Refuse(forge.Present(jwt, [])), what);
    }

    [Fact]
    public void A_truncated_array_element_digest_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["nationalities"] = new JsonArray(new JsonObject { ["..."] = Us.Digest[..40] }) });

        Assert.Equal(SdJwtError.DigestMalformed, Refuse(forge.Present(jwt, [])));
    }

    [Fact]
    public void A_salt_used_by_two_disclosures_is_refused()
    {
        var familyName = Forge.Member(GivenName.Salt, "family_name", "Doe");
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName, familyName) });

        Assert.Equal(SdJwtError.SaltReused, Refuse(forge.Present(jwt, [GivenName.Encoded, familyName.Encoded])));
    }

    [Fact]
    public void A_digest_that_occurs_twice_is_refused()
    {
        var inSameArray = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName, GivenName) });
        var atTwoLevels = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["address"] = new JsonObject { ["_sd"] = Digests(GivenName) } });
        var undisclosedTwice = forge.Jwt(new JsonObject { ["nationalities"] = new JsonArray(Element(Us), Element(Us)) });
        var insideItsDisclosure = Forge.Member(Forge.Salt(), "address", new JsonObject { ["_sd"] = Digests(GivenName) });
        var throughDisclosure = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName, insideItsDisclosure) });

        Assert.Equal(SdJwtError.DigestReferencedTwice, Refuse(forge.Present(inSameArray, [GivenName.Encoded])));
        Assert.Equal(SdJwtError.DigestReferencedTwice, Refuse(forge.Present(atTwoLevels, [GivenName.Encoded])));
        Assert.Equal(SdJwtError.DigestReferencedTwice, Refuse(forge.Present(undisclosedTwice, [])));
        Assert.Equal(SdJwtError.DigestReferencedTwice, Refuse(forge.Present(throughDisclosure, [GivenName.Encoded, insideItsDisclosure.Encoded])));
    }

    [Fact]
    public void A_disclosure_that_no_digest_references_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });

        Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(jwt, [GivenName.Encoded, Us.Encoded])));
        Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(jwt, [GivenName.Encoded, GivenName.Encoded])));
    }

    [Fact]
    public void A_nested_disclosure_whose_parent_is_not_disclosed_is_refused()
    {
        var locality = Forge.Member(Forge.Salt(), "locality", "Anytown");
        var address = Forge.Member(Forge.Salt(), "address", new JsonObject { ["_sd"] = Digests(locality) });
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(address) });

        Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(jwt, [locality.Encoded])));
        Assert.True(forge.Verifier().Verify(forge.Present(jwt, [address.Encoded, locality.Encoded]), Forge.Expected).IsValid);
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    public void A_disclosed_reserved_name_is_refused(string name)
    {
        var disclosure = Base64UrlText.EncodeUtf8($$"""["{{Forge.Salt()}}","{{name}}","x"]""");
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = new JsonArray(DisclosureDigest.Compute(disclosure)) });

        Assert.Equal(SdJwtError.DisclosedNameReserved, Refuse(forge.Present(jwt, [disclosure])));
    }

    [Fact]
    public void A_disclosed_name_already_present_in_its_object_is_refused()
    {
        var plain = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["given_name"] = "Jane" });
        var other = Forge.Member(Forge.Salt(), "given_name", "Jane");
        var twice = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName, other) });

        Assert.Equal(SdJwtError.ClaimAlreadyPresent, Refuse(forge.Present(plain, [GivenName.Encoded])));
        Assert.Equal(SdJwtError.ClaimAlreadyPresent, Refuse(forge.Present(twice, [GivenName.Encoded, other.Encoded])));
    }

    [Theory]
    [InlineData("""["salt"]""", "one element")]
    [InlineData("""["salt","name","value","extra"]""", "four elements")]
    [InlineData("""[]""", "empty array")]
    [InlineData("""[42,"name","value"]""", "non-string salt")]
    [InlineData("""[null,"value"]""", "null salt")]
    [InlineData("""["salt",42,"value"]""", "non-string name")]
    [InlineData("""{"salt":"s","name":"n","value":"v"}""", "object, not array")]
    [InlineData("[\"salt\",\"name\",\"value\"", "not JSON")]
    [InlineData("""["salt","name",{"a":1,"a":2}]""", "duplicate member names")]
    public void A_malformed_disclosure_array_is_refused(string json, string what)
    {
        var disclosure = Base64UrlText.EncodeUtf8(json);
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = new JsonArray(DisclosureDigest.Compute(disclosure)) });

        Assert.True(SdJwtError.DisclosureMalformed == Refuse(forge.Present(jwt, [disclosure])), what);
    }

    [Theory]
    [InlineData("padding", "=")]
    [InlineData("standard base64", "+")]
    [InlineData("white space", " ")]
    [InlineData("empty", "")]
    public void A_disclosure_that_is_not_base64url_is_refused(string what, string damage)
    {
        var disclosure = damage.Length == 0 ? string.Empty : GivenName.Encoded[..^2] + damage + damage;
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = new JsonArray(DisclosureDigest.Compute(disclosure)) });

        Assert.True(SdJwtError.DisclosureMalformed == Refuse(forge.Present(jwt, [disclosure])), what);
    }

    [Fact]
    public void A_disclosure_of_invalid_utf8_is_refused()
    {
        var disclosure = Base64UrlText.Encode([(byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)',', (byte)'"', (byte)'v', (byte)'"', (byte)']']);
        var jwt = forge.Jwt(new JsonObject { ["nationalities"] = new JsonArray(new JsonObject { ["..."] = DisclosureDigest.Compute(disclosure) }) });

        Assert.Equal(SdJwtError.DisclosureMalformed, Refuse(forge.Present(jwt, [disclosure])));
    }

    [Fact]
    public void An_sd_member_that_is_not_an_array_of_strings_is_refused()
    {
        Assert.Equal(SdJwtError.DigestsNotArrayOfStrings, Refuse(forge.Present(forge.Jwt(new JsonObject { ["_sd"] = GivenName.Digest }), [])));
        Assert.Equal(SdJwtError.DigestsNotArrayOfStrings, Refuse(forge.Present(forge.Jwt(new JsonObject { ["_sd"] = new JsonArray(GivenName.Digest, 42) }), [])));
        Assert.Equal(SdJwtError.DigestsNotArrayOfStrings, Refuse(forge.Present(forge.Jwt(new JsonObject { ["a"] = new JsonObject { ["_sd"] = new JsonObject() } }), [])));
    }

    [Fact]
    public void An_array_element_digest_object_with_other_members_is_refused()
    {
        var withOther = new JsonObject { ["..."] = Us.Digest, ["extra"] = 1 };
        var notString = new JsonObject { ["..."] = 42 };

        Assert.Equal(SdJwtError.ArrayElementDigestMalformed, Refuse(forge.Present(forge.Jwt(new JsonObject { ["n"] = new JsonArray(withOther) }), [Us.Encoded])));
        Assert.Equal(SdJwtError.ArrayElementDigestMalformed, Refuse(forge.Present(forge.Jwt(new JsonObject { ["n"] = new JsonArray(notString) }), [])));
    }

    [Fact]
    public void A_three_dots_member_outside_an_array_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["address"] = new JsonObject { ["..."] = Us.Digest } });

        Assert.Equal(SdJwtError.ReservedNameMisused, Refuse(forge.Present(jwt, [Us.Encoded])));
    }

    [Fact]
    public void A_disclosure_of_the_wrong_kind_for_its_digest_is_refused()
    {
        var elementInSd = forge.Jwt(new JsonObject { ["_sd"] = Digests(Us) });
        var memberInArray = forge.Jwt(new JsonObject { ["n"] = new JsonArray(Element(GivenName)) });

        Assert.Equal(SdJwtError.DisclosureKindMismatch, Refuse(forge.Present(elementInSd, [Us.Encoded])));
        Assert.Equal(SdJwtError.DisclosureKindMismatch, Refuse(forge.Present(memberInArray, [GivenName.Encoded])));
    }

    [Theory]
    [InlineData("sha-512")]
    [InlineData("SHA-256")]
    [InlineData("sha256")]
    [InlineData("")]
    public void An_unknown_sd_alg_is_refused(string algorithm)
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["_sd_alg"] = algorithm });

        Assert.Equal(SdJwtError.UnsupportedHashAlgorithm, Refuse(forge.Present(jwt, [GivenName.Encoded])));
    }

    [Fact]
    public void A_non_string_sd_alg_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["_sd_alg"] = new JsonArray("sha-256") });

        Assert.Equal(SdJwtError.UnsupportedHashAlgorithm, Refuse(forge.Present(jwt, [GivenName.Encoded])));
    }

    [Fact]
    public void A_bare_jwt_offered_as_an_sd_jwt_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });

        Assert.Equal(SdJwtError.NotAnSdJwt, Refuse(jwt));
        Assert.Equal(SdJwtError.NotAnSdJwt, Refuse(jwt, requireKeyBinding: false));
        Assert.Equal(SdJwtError.NotAnSdJwt, Refuse(string.Empty));
    }

    [Fact]
    public void A_presentation_ending_without_tilde_and_without_key_binding_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });

        Assert.Equal(SdJwtError.NotTerminated, Refuse($"{jwt}~{GivenName.Encoded}", requireKeyBinding: false));
    }

    [Fact]
    public void Key_binding_is_required_by_policy_not_by_its_presence()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });
        var withoutKb = forge.Present(jwt, [GivenName.Encoded], keyBinding: false);
        var withBadKb = withoutKb + forge.KeyBinding(withoutKb, nonce: "stale");

        Assert.Equal(SdJwtError.KeyBindingMissing, Refuse(withoutKb));
        Assert.True(forge.Verifier(new SdJwtVerifierOptions { RequireKeyBinding = false }).Verify(withoutKb).IsValid);

        // Not required, but sent: checked in full, so a wrong nonce is refused, and one without expectations too.
        var notRequired = forge.Verifier(new SdJwtVerifierOptions { RequireKeyBinding = false });
        Assert.Equal(SdJwtError.KeyBindingNonceMismatch, notRequired.Verify(withBadKb, Forge.Expected).Failure?.Code);
        Assert.Equal(SdJwtError.KeyBindingUnexpected, notRequired.Verify(withBadKb).Failure?.Code);
        Assert.Throws<ArgumentNullException>(() => forge.Verifier().Verify(withoutKb));
    }

    [Theory]
    [InlineData(-5 * 60 - 31, SdJwtError.KeyBindingNotFresh)]
    [InlineData(-5 * 60 - 29, null)]
    [InlineData(29, null)]
    [InlineData(31, SdJwtError.KeyBindingNotFresh)]
    public void Key_binding_freshness_is_its_max_age_and_the_clock_skew(int secondsFromNow, SdJwtError? expected)
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });
        var sdJwt = forge.Present(jwt, [GivenName.Encoded], keyBinding: false);

        var result = forge.Verifier().Verify(sdJwt + forge.KeyBinding(sdJwt, issuedAt: Forge.Now.AddSeconds(secondsFromNow)), Forge.Expected);

        Assert.Equal(expected, result.Failure?.Code);
    }

    [Fact]
    public void The_clock_skew_is_capped_at_sixty_seconds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SdJwtVerifierOptions { ClockSkew = TimeSpan.FromSeconds(61) });
        Assert.Equal(TimeSpan.FromSeconds(60), new SdJwtVerifierOptions { ClockSkew = TimeSpan.FromSeconds(60) }.ClockSkew);
    }

    [Fact]
    public void A_key_binding_jwt_missing_a_claim_is_refused()
    {
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) });
        var sdJwt = forge.Present(jwt, [GivenName.Encoded], keyBinding: false);
        var full = new JsonObject { ["iat"] = Forge.Now.ToUnixTimeSeconds(), ["aud"] = Forge.Audience, ["nonce"] = Forge.Nonce, ["sd_hash"] = KeyBindingJwt.ComputeSdHash(sdJwt) };
        foreach (var name in new[] { "iat", "aud", "nonce", "sd_hash" })
        {
            var payload = (JsonObject)full.DeepClone();
            payload.Remove(name);
            Assert.Equal(SdJwtError.KeyBindingMalformed, Refuse(sdJwt + forge.KeyBindingRaw(new JsonObject { ["typ"] = "kb+jwt" }, payload)));
        }

        Assert.Equal(SdJwtError.KeyBindingAlgorithmNotAllowed, Refuse(sdJwt + Base64UrlText.EncodeUtf8("""{"alg":"none","typ":"kb+jwt"}""") + "." + Base64UrlText.EncodeUtf8(full.ToJsonString()) + "."));
    }

    [Fact]
    public void A_holder_key_with_private_members_or_none_at_all_is_refused()
    {
        var withPrivate = TestKeys.HolderJwk.DeepClone();
        var unbound = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName) }, bindHolder: false);
        var leaking = forge.Jwt(new JsonObject { ["_sd"] = Digests(GivenName), ["cnf"] = new JsonObject { ["jwk"] = withPrivate } });

        Assert.Equal(SdJwtError.HolderKeyInvalid, Refuse(forge.Present(unbound, [GivenName.Encoded])));
        Assert.Equal(SdJwtError.HolderKeyInvalid, Refuse(forge.Present(leaking, [GivenName.Encoded])));
    }

    [Fact]
    public void Duplicate_member_names_and_critical_headers_in_the_issuer_jwt_are_refused()
    {
        var header = Base64UrlText.EncodeUtf8("""{"alg":"ES256","typ":"example+sd-jwt"}""");
        var duplicatePayload = Base64UrlText.EncodeUtf8("""{"iss":"https://a.example","iss":"https://b.example"}""");
        var signature = new byte[64];
        forge.Issuer.Sign(Encoding.ASCII.GetBytes($"{header}.{duplicatePayload}"), signature);

        var duplicateHeader = Base64UrlText.EncodeUtf8("""{"alg":"ES256","alg":"none"}""");
        var critical = Base64UrlText.EncodeUtf8("""{"alg":"ES256","crit":["b64"],"b64":false}""");

        Assert.Equal(SdJwtError.IssuerJwtMalformed, Refuse($"{header}.{duplicatePayload}.{Base64UrlText.Encode(signature)}~", requireKeyBinding: false));
        Assert.Equal(SdJwtError.IssuerJwtMalformed, Refuse($"{duplicateHeader}.{duplicatePayload}.{Base64UrlText.Encode(signature)}~", requireKeyBinding: false));
        Assert.Equal(SdJwtError.IssuerJwtMalformed, Refuse($"{critical}.{duplicatePayload}.{Base64UrlText.Encode(signature)}~", requireKeyBinding: false));
    }

    [Fact]
    public void Expired_and_not_yet_valid_sd_jwts_are_refused()
    {
        var now = Forge.Now.ToUnixTimeSeconds();
        Assert.Equal(SdJwtError.Expired, Refuse(forge.Present(forge.Jwt(new JsonObject { ["exp"] = now - 31 }), [])));
        Assert.Equal(SdJwtError.NotYetValid, Refuse(forge.Present(forge.Jwt(new JsonObject { ["nbf"] = now + 31 }), [])));
        Assert.Equal(SdJwtError.NotYetValid, Refuse(forge.Present(forge.Jwt(new JsonObject { ["iat"] = now + 31 }), [])));
        Assert.Equal(SdJwtError.ValidityClaimMalformed, Refuse(forge.Present(forge.Jwt(new JsonObject { ["exp"] = "tomorrow" }), [])));

        // A disclosable exp (RFC 9901 §9.7) is checked once disclosed.
        var exp = Forge.Member(Forge.Salt(), "exp", now - 31);
        Assert.Equal(SdJwtError.Expired, Refuse(forge.Present(forge.Jwt(new JsonObject { ["_sd"] = Digests(exp) }), [exp.Encoded])));

        var noExpiry = forge.Verifier(new SdJwtVerifierOptions { RequireExpiry = true }).Verify(forge.Present(forge.Jwt([]), []), Forge.Expected);
        Assert.Equal(SdJwtError.ValidityClaimMalformed, noExpiry.Failure?.Code);
    }

    [Fact]
    public void A_typ_outside_the_accepted_types_is_refused()
    {
        var options = new SdJwtVerifierOptions { AcceptedTypes = new HashSet<string> { "dc+sd-jwt" } };
        var untyped = forge.Present(forge.Jwt([], header: []), []);
        var other = forge.Present(forge.Jwt([]), []);
        var accepted = forge.Present(forge.Jwt([], header: new JsonObject { ["typ"] = "dc+sd-jwt" }), []);

        Assert.Equal(SdJwtError.TypeNotAccepted, forge.Verifier(options).Verify(untyped, Forge.Expected).Failure?.Code);
        Assert.Equal(SdJwtError.TypeNotAccepted, forge.Verifier(options).Verify(other, Forge.Expected).Failure?.Code);
        Assert.True(forge.Verifier(options).Verify(accepted, Forge.Expected).IsValid);
    }

    [Fact]
    public void Size_disclosure_count_and_depth_are_bounded()
    {
        var limits = new SdJwtLimits { MaxDisclosures = 2, MaxLength = 4000, MaxDepth = 8 };
        var options = new SdJwtVerifierOptions { Limits = limits };
        var many = Enumerable.Range(0, 3).Select(i => Forge.Member(Forge.Salt(), $"c{i}", i)).ToArray();
        var jwt = forge.Jwt(new JsonObject { ["_sd"] = Digests(many) });

        JsonNode deep = "leaf";
        for (var i = 0; i < 10; i++)
        {
            deep = new JsonObject { ["n"] = deep };
        }

        // Depth through recursive Disclosures: each level is fine alone, together they nest too deep.
        Disclosure inner = Forge.Member(Forge.Salt(), "d", "leaf");
        var chain = new List<Disclosure> { inner };
        for (var i = 0; i < 9; i++)
        {
            inner = Forge.Member(Forge.Salt(), "d", new JsonObject { ["_sd"] = Digests(inner) });
            chain.Add(inner);
        }

        var deepChain = forge.Jwt(new JsonObject { ["_sd"] = Digests(inner) });
        var wide = new SdJwtVerifierOptions { Limits = limits with { MaxDisclosures = 20 } };

        Assert.Equal(SdJwtError.LimitExceeded, forge.Verifier(options).Verify(forge.Present(jwt, many.Select(d => d.Encoded)), Forge.Expected).Failure?.Code);
        Assert.Equal(SdJwtError.LimitExceeded, forge.Verifier(options).Verify(new string('a', 4001) + "~", Forge.Expected).Failure?.Code);
        Assert.Equal(SdJwtError.IssuerJwtMalformed, forge.Verifier(options).Verify(forge.Present(forge.Jwt(new JsonObject { ["deep"] = deep }), []), Forge.Expected).Failure?.Code);
        Assert.Equal(SdJwtError.LimitExceeded, forge.Verifier(wide).Verify(forge.Present(deepChain, chain.Select(d => d.Encoded)), Forge.Expected).Failure?.Code);
    }

    [Fact]
    public void A_disclosed_value_without_digests_still_counts_towards_the_depth_bound()
    {
        // A value that holds no digest is copied as it is; where a Disclosure puts it, it still nests its own depth.
        var options = new SdJwtVerifierOptions { Limits = new SdJwtLimits { MaxDepth = 8 } };
        Disclosure Plain(int levels)
        {
            JsonNode value = "leaf";
            for (var i = 0; i < levels; i++)
            {
                value = new JsonObject { ["n"] = value };
            }

            return Forge.Member(Forge.Salt(), "d", value);
        }

        // The digest sits in an object at depth 3: the disclosed value's outermost object is at depth 4.
        string Presentation(Disclosure disclosure) => forge.Present(
            forge.Jwt(new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonObject { ["c"] = new JsonObject { ["_sd"] = Digests(disclosure) } } } }),
            [disclosure.Encoded]);

        var fits = Plain(4);
        var tooDeep = Plain(5);

        Assert.True(forge.Verifier(options).Verify(Presentation(fits), Forge.Expected).IsValid);
        Assert.Equal(SdJwtError.LimitExceeded, forge.Verifier(options).Verify(Presentation(tooDeep), Forge.Expected).Failure?.Code);
    }

    [Fact]
    public void Garbage_is_refused_with_a_code_and_never_an_exception()
    {
        string[] inputs = ["~", "~~", "a.b.c~", "..~", "{", "{}", "[]", "{\"payload\":1}", "{\"payload\":\"e30\",\"signatures\":[]}", "\u00e9~", "eyJhbGciOiJFUzI1NiJ9.e30.~x.y.z", new string('~', 600)];
        foreach (var input in inputs)
        {
            var result = forge.Verifier(new SdJwtVerifierOptions { RequireKeyBinding = false }).Verify(input);
            Assert.False(result.IsValid, input);
            Assert.DoesNotContain("Exception", result.Failure.Message, StringComparison.Ordinal);
        }
    }

    private SdJwtError Refuse(string text, bool requireKeyBinding = true)
    {
        var verifier = forge.Verifier(new SdJwtVerifierOptions { RequireKeyBinding = requireKeyBinding });
        var result = verifier.Verify(text, requireKeyBinding ? Forge.Expected : null);
        Assert.False(result.IsValid, "a forged SD-JWT was accepted");
        return result.Failure.Code;
    }

    private static JsonArray Digests(params Disclosure[] disclosures) => new([.. disclosures.Select(d => (JsonNode)d.Digest)]);

    private static JsonObject Element(Disclosure disclosure) => new() { ["..."] = disclosure.Digest };

    public void Dispose() => forge.Dispose();
}
