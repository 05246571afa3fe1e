using System.Text;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// One change at a time to a valid SD-JWT+KB (every Disclosure, digest, salt, signature byte and KB field): each is
/// refused with the code of the rule it breaks, never accepted, never an exception.
/// </summary>
public sealed class TamperTests : IDisposable
{
    private readonly Forge forge = new();
    private readonly SdJwtHolder holder;
    private readonly string presentation;

    public TamperTests()
    {
        var claims = new JsonObject
        {
            ["iss"] = "https://issuer.example.org",
            ["iat"] = Forge.Now.AddDays(-1).ToUnixTimeSeconds(),
            ["exp"] = Forge.Now.AddDays(30).ToUnixTimeSeconds(),
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["address"] = new JsonObject { ["street_address"] = "Heidestraße 17", ["locality"] = "Köln" },
            ["nationalities"] = new JsonArray("DE", "FR"),
        };
        ClaimPath[] disclosable = [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("nationalities", 0)];
        var issued = new SdJwtIssuer(forge.Issuer, new JsonObject { ["typ"] = "example+sd-jwt" })
            .Issue(claims, disclosable, new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(forge.Holder.PublicKey), MinimumDecoyDigests = 1, MaximumDecoyDigests = 3 });
        Assert.True(SdJwtHolder.TryOpen(issued.ToCompact(), forge.Clock, null, out var opened, out var failure), failure?.ToString());
        holder = opened;
        presentation = holder.Present(disclosable, new KeyBindingRequest(forge.Holder, Forge.Audience, Forge.Nonce)).ToCompact();
    }

    private string[] Parts => presentation.Split('~');

    private string Jwt => Parts[0];

    private string[] Disclosures => Parts[1..^1];

    private string KbJwt => Parts[^1];

    [Fact]
    public void The_untouched_presentation_verifies()
    {
        var result = forge.Verifier().Verify(presentation, Forge.Expected);

        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal(5, result.Disclosed.Count);
        Assert.Equal("Köln", result.Claims["address"]!["locality"]!.GetValue<string>());
        Assert.Equal(KeyBindingStatus.Verified, result.KeyBinding);
    }

    [Fact]
    public void Every_character_of_every_disclosure_changed_is_refused()
    {
        var disclosures = Disclosures;
        for (var d = 0; d < disclosures.Length; d++)
        {
            for (var i = 0; i < disclosures[d].Length; i++)
            {
                var changed = (string[])disclosures.Clone();
                changed[d] = Flip(disclosures[d], i);
                var code = Refuse(forge.Present(Jwt, changed));
                Assert.True(code is SdJwtError.DisclosureNotReferenced or SdJwtError.DisclosureMalformed, $"disclosure {d}, character {i}: {code}");
            }
        }
    }

    [Fact]
    public void Every_character_of_the_whole_presentation_replaced_is_refused_without_an_exception()
    {
        var verifier = forge.Verifier();
        foreach (var replacement in new[] { 'B', '~', '.', '=', 'é' })
        {
            for (var i = 0; i < presentation.Length; i++)
            {
                if (presentation[i] == replacement)
                {
                    continue;
                }

                var chars = presentation.ToCharArray();
                chars[i] = replacement;
                var result = verifier.Verify(new string(chars), Forge.Expected);
                Assert.False(result.IsValid, $"position {i} replaced by '{replacement}' was accepted");
            }
        }
    }

    [Fact]
    public void Every_salt_changed_is_refused_as_unreferenced()
    {
        foreach (var (original, index) in Disclosures.Select((d, i) => (Parse(d), i)))
        {
            var changed = Disclosures;
            changed[index] = Disclosure.Create(original.Salt + "A", original.Name, original.ValueNode()).Encoded;
            Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(Jwt, changed)));
        }
    }

    [Fact]
    public void Every_disclosed_value_changed_is_refused_as_unreferenced()
    {
        foreach (var (original, index) in Disclosures.Select((d, i) => (Parse(d), i)))
        {
            var changed = Disclosures;
            changed[index] = Disclosure.Create(original.Salt, original.Name, "forged").Encoded;
            Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(Jwt, changed)));
        }
    }

    [Fact]
    public void Every_digest_changed_breaks_the_issuer_signature_and_when_re_signed_leaves_its_disclosure_unreferenced()
    {
        var payload = Encoding.UTF8.GetString(Decode(Jwt.Split('.')[1]));
        // The nested locality's digest is inside the address Disclosure: changing it is a Disclosure change (above).
        var digests = Disclosures.Select(DisclosureDigest.Compute).Where(d => payload.Contains(d, StringComparison.Ordinal)).ToList();
        Assert.Equal(4, digests.Count);
        foreach (var digest in digests)
        {
            var forgedDigest = DisclosureDigest.Compute("forged" + digest);
            var changedPayload = payload.Replace(digest, forgedDigest, StringComparison.Ordinal);

            // Same signature over a changed payload.
            var jwtParts = Jwt.Split('.');
            var unsigned = string.Join('.', jwtParts[0], Base64UrlText.EncodeUtf8(changedPayload), jwtParts[2]);
            Assert.Equal(SdJwtError.IssuerSignatureInvalid, Refuse(forge.Present(unsigned, Disclosures)));

            // Re-signed by the issuer's key: the Disclosure of the old digest is now referenced by nothing.
            var resigned = JwsSigning.SignCompact(forge.Issuer, new JsonObject { ["typ"] = "example+sd-jwt" }, Encoding.UTF8.GetBytes(changedPayload));
            Assert.Equal(SdJwtError.DisclosureNotReferenced, Refuse(forge.Present(resigned, Disclosures)));
        }
    }

    [Fact]
    public void Every_byte_of_the_issuer_signature_changed_is_refused()
    {
        var parts = Jwt.Split('.');
        var signature = Decode(parts[2]);
        for (var i = 0; i < signature.Length; i++)
        {
            var changed = (byte[])signature.Clone();
            changed[i] ^= 0x01;
            var jwt = string.Join('.', parts[0], parts[1], Base64UrlText.Encode(changed));
            Assert.Equal(SdJwtError.IssuerSignatureInvalid, Refuse(forge.Present(jwt, Disclosures)));
        }
    }

    [Fact]
    public void A_non_canonical_last_character_in_any_part_is_refused_not_read_as_the_same_bytes()
    {
        // 64 signature bytes are 86 characters: the last one carries 2 spare bits, which must be zero.
        var parts = Jwt.Split('.');
        var sloppySignature = parts[2][..^1] + (char)(parts[2][^1] + 1);
        Assert.Equal(SdJwtError.IssuerJwtMalformed, Refuse(forge.Present(string.Join('.', parts[0], parts[1], sloppySignature), Disclosures)));

        var kbParts = KbJwt.Split('.');
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];
        Assert.Equal(SdJwtError.KeyBindingMalformed, Refuse(sdJwt + string.Join('.', kbParts[0], kbParts[1], kbParts[2][..^1] + (char)(kbParts[2][^1] + 1))));

        var disclosures = Disclosures;
        foreach (var index in Enumerable.Range(0, disclosures.Length).Where(i => disclosures[i].Length % 4 != 0))
        {
            var changed = (string[])disclosures.Clone();
            changed[index] = disclosures[index][..^1] + (char)(disclosures[index][^1] + 1);
            var code = Refuse(forge.Present(Jwt, changed));
            Assert.True(code is SdJwtError.DisclosureMalformed or SdJwtError.DisclosureNotReferenced, code.ToString());
        }
    }

    [Fact]
    public void Every_byte_of_the_key_binding_signature_changed_is_refused()
    {
        var parts = KbJwt.Split('.');
        var signature = Decode(parts[2]);
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];
        for (var i = 0; i < signature.Length; i++)
        {
            var changed = (byte[])signature.Clone();
            changed[i] ^= 0x80;
            Assert.Equal(SdJwtError.KeyBindingSignatureInvalid, Refuse(sdJwt + string.Join('.', parts[0], parts[1], Base64UrlText.Encode(changed))));
        }
    }

    [Fact]
    public void Every_key_binding_field_changed_without_the_holder_key_breaks_its_signature()
    {
        var parts = KbJwt.Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];
        foreach (var name in new[] { "iat", "aud", "nonce", "sd_hash" })
        {
            var changed = (JsonObject)payload.DeepClone();
            changed[name] = name == "iat" ? (JsonNode)(Forge.Now.ToUnixTimeSeconds() - 1) : "changed";
            var kb = string.Join('.', parts[0], Base64UrlText.Encode(JwsSigning.ToUtf8(changed)), parts[2]);
            Assert.Equal(SdJwtError.KeyBindingSignatureInvalid, Refuse(sdJwt + kb));
        }
    }

    [Theory]
    [InlineData("aud", SdJwtError.KeyBindingAudienceMismatch)]
    [InlineData("nonce", SdJwtError.KeyBindingNonceMismatch)]
    [InlineData("sd_hash", SdJwtError.SdHashMismatch)]
    [InlineData("iat", SdJwtError.KeyBindingNotFresh)]
    public void Every_key_binding_field_changed_and_re_signed_by_the_holder_is_refused_by_its_rule(string field, SdJwtError expected)
    {
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];
        var kb = field switch
        {
            "aud" => forge.KeyBinding(sdJwt, audience: "https://other-verifier.example.org"),
            "nonce" => forge.KeyBinding(sdJwt, nonce: "another-nonce"),
            "sd_hash" => forge.KeyBinding(sdJwt, sdHash: DisclosureDigest.Compute(sdJwt + "x")),
            _ => forge.KeyBinding(sdJwt, issuedAt: Forge.Now.AddMinutes(-6)),
        };

        Assert.Equal(expected, Refuse(sdJwt + kb));
    }

    [Fact]
    public void A_key_binding_typ_other_than_kb_jwt_is_refused()
    {
        var payload = JsonNode.Parse(Decode(KbJwt.Split('.')[1]))!.AsObject();
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];
        foreach (var typ in new[] { "JWT", "KB+JWT", "kb+jwt ", "dc+sd-jwt" })
        {
            Assert.Equal(SdJwtError.KeyBindingTypeInvalid, Refuse(sdJwt + forge.KeyBindingRaw(new JsonObject { ["typ"] = typ }, payload)));
        }

        Assert.Equal(SdJwtError.KeyBindingTypeInvalid, Refuse(sdJwt + forge.KeyBindingRaw([], payload)));
    }

    [Fact]
    public void A_presentation_replayed_to_another_verifier_or_transaction_is_refused()
    {
        var verifier = forge.Verifier();

        Assert.Equal(SdJwtError.KeyBindingNonceMismatch, verifier.Verify(presentation, new KeyBindingExpectation(Forge.Audience, "a-fresh-nonce")).Failure?.Code);
        Assert.Equal(SdJwtError.KeyBindingAudienceMismatch, verifier.Verify(presentation, new KeyBindingExpectation("https://other-verifier.example.org", Forge.Nonce)).Failure?.Code);
    }

    [Fact]
    public void Reordered_dropped_or_added_disclosures_under_the_same_key_binding_are_refused()
    {
        var kb = KbJwt;
        var reordered = Disclosures.Reverse().ToArray();
        Assert.Equal(SdJwtError.SdHashMismatch, Refuse(forge.Present(Jwt, reordered, keyBinding: false) + kb));

        var dropped = Disclosures.Where(d => Parse(d).Name != "given_name").ToArray();
        Assert.Equal(SdJwtError.SdHashMismatch, Refuse(forge.Present(Jwt, dropped, keyBinding: false) + kb));

        // Adding a Disclosure the issuer made (here: one that was withheld) is caught by sd_hash as well.
        var fewer = holder.Present([ClaimPath.Of("family_name")], new KeyBindingRequest(forge.Holder, Forge.Audience, Forge.Nonce)).ToCompact();
        var fewerParts = fewer.Split('~');
        var added = string.Concat(fewerParts[0], "~", fewerParts[1], "~", Disclosures.First(d => Parse(d).Name == "given_name"), "~", fewerParts[^1]);
        Assert.Equal(SdJwtError.SdHashMismatch, Refuse(added));
    }

    [Fact]
    public void Dropping_the_key_binding_jwt_is_refused_when_key_binding_is_required()
    {
        var sdJwt = presentation[..(presentation.LastIndexOf('~') + 1)];

        Assert.Equal(SdJwtError.KeyBindingMissing, Refuse(sdJwt));
        Assert.Equal(SdJwtError.NotTerminated, Refuse(sdJwt.TrimEnd('~')));
    }

    private SdJwtError Refuse(string text)
    {
        var result = forge.Verifier().Verify(text, Forge.Expected);
        Assert.False(result.IsValid, "a tampered presentation was accepted");
        Assert.Null(result.Claims);
        return result.Failure.Code;
    }

    private static Disclosure Parse(string encoded) =>
        Disclosure.TryParse(encoded, 32, out var disclosure, out var failure) ? disclosure : throw new InvalidOperationException(failure.ToString());

    private static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static string Flip(string text, int index)
    {
        var chars = text.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    public void Dispose() => forge.Dispose();
}
