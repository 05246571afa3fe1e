using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>What the issuer and the holder guarantee on their side, and how they refuse misuse.</summary>
public sealed class IssuerAndHolderTests : IDisposable
{
    private readonly Forge forge = new();

    private static JsonObject Claims() => new()
    {
        ["iss"] = "https://issuer.example.org",
        ["given_name"] = "Erika",
        ["address"] = new JsonObject { ["locality"] = "Köln", ["country"] = "DE" },
        ["nationalities"] = new JsonArray("DE", "FR"),
    };

    [Fact]
    public void Issued_digests_are_sorted_with_decoys_and_salts_are_fresh_128_bit_values()
    {
        var claims = Claims();
        var issued = new SdJwtIssuer(forge.Issuer).Issue(claims, [ClaimPath.Of("given_name"), ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("nationalities", 1)], new SdJwtIssueOptions { MinimumDecoyDigests = 2, MaximumDecoyDigests = 4 });
        var payload = JsonNode.Parse(issued.IssuerSigned.Payload.Span)!.AsObject();

        var digests = payload["_sd"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Equal(digests.Order(StringComparer.Ordinal), digests);
        Assert.InRange(digests.Count, 2 + 2, 2 + 4);
        Assert.Equal("sha-256", payload["_sd_alg"]!.GetValue<string>());
        Assert.Equal("DE", payload["nationalities"]![0]!.GetValue<string>());
        Assert.Equal(issued.Disclosures.Single(d => d.IsArrayElement).Digest, payload["nationalities"]![1]!["..."]!.GetValue<string>());
        Assert.Equal(4, issued.Disclosures.Count);
        Assert.Equal(4, issued.Disclosures.Select(d => d.Salt).Distinct().Count());
        Assert.All(issued.Disclosures, d => Assert.Equal(16, System.Buffers.Text.Base64Url.DecodeFromChars(d.Salt).Length));
        JsonAssert.Equal(Claims(), claims);
    }

    [Fact]
    public void The_issuer_refuses_paths_that_name_no_claim_and_reserved_names()
    {
        var issuer = new SdJwtIssuer(forge.Issuer);

        Assert.Throws<ArgumentException>(() => issuer.Issue(Claims(), [ClaimPath.Of("birthdate")]));
        Assert.Throws<ArgumentException>(() => issuer.Issue(Claims(), [ClaimPath.Of("nationalities", 2)]));
        Assert.Throws<ArgumentException>(() => issuer.Issue(Claims(), [ClaimPath.Root]));
        Assert.Throws<ArgumentException>(() => issuer.Issue(new JsonObject { ["_sd"] = new JsonArray() }, []));
        Assert.Throws<ArgumentException>(() => issuer.Issue(new JsonObject { ["_sd_alg"] = "sha-256" }, []));
        Assert.Throws<ArgumentException>(() => new SdJwtIssuer(forge.Issuer, new JsonObject { ["alg"] = "ES256" }).Issue(Claims(), []));
    }

    [Fact]
    public void Disclosing_a_nested_claim_discloses_its_parents_and_nothing_else()
    {
        var issued = new SdJwtIssuer(forge.Issuer).Issue(Claims(), [ClaimPath.Of("given_name"), ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("address", "country")], new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(forge.Holder.PublicKey) });
        Assert.True(SdJwtHolder.TryOpen(issued.ToCompact(), forge.Clock, null, out var holder, out var failure), failure?.ToString());

        var presentation = holder.Present([ClaimPath.Of("address", "locality")]);
        var result = forge.Verifier(new SdJwtVerifierOptions { RequireKeyBinding = false }).Verify(presentation.ToCompact());

        Assert.Equal(["address", "locality"], presentation.Disclosures.Select(d => d.Name));
        Assert.True(result.IsValid, result.Failure?.ToString());
        JsonAssert.Equal(new JsonObject { ["locality"] = "Köln" }, result.Claims["address"]);
        Assert.False(result.Claims.ContainsKey("given_name"));
        Assert.Equal([ClaimPath.Of("address"), ClaimPath.Of("address", "locality")], result.Disclosed.Select(d => d.Path));
    }

    [Fact]
    public void The_holder_refuses_unknown_paths_and_a_key_other_than_the_bound_one()
    {
        var issued = new SdJwtIssuer(forge.Issuer).Issue(Claims(), [ClaimPath.Of("given_name")], new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(forge.Holder.PublicKey) });
        Assert.True(SdJwtHolder.TryOpen(issued.ToCompact(), forge.Clock, null, out var holder, out _));

        Assert.Throws<ArgumentException>(() => holder.Present([ClaimPath.Of("birthdate")]));
        Assert.Throws<ArgumentException>(() => holder.Present([ClaimPath.Of("given_name")], new KeyBindingRequest(forge.Issuer, Forge.Audience, Forge.Nonce)));
        JsonAssert.Equal(Claims()["address"], holder.Claims["address"]);
    }

    [Fact]
    public void A_flattened_json_presentation_with_key_binding_verifies_and_hashes_its_compact_form()
    {
        var issued = new SdJwtIssuer(forge.Issuer).Issue(Claims(), [ClaimPath.Of("given_name"), ClaimPath.Of("nationalities", 0)], new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(forge.Holder.PublicKey) });
        Assert.True(SdJwtHolder.TryOpen(issued.ToFlattenedJson(), forge.Clock, null, out var holder, out var failure), failure?.ToString());

        var presentation = holder.Present([ClaimPath.Of("nationalities", 0)], new KeyBindingRequest(forge.Holder, Forge.Audience, Forge.Nonce));
        var json = JsonNode.Parse(presentation.Serialize())!;
        var result = forge.Verifier().Verify(presentation.Serialize(), Forge.Expected);

        Assert.Equal(SdJwtSerialization.FlattenedJson, presentation.Serialization);
        Assert.Single(json["header"]!["disclosures"]!.AsArray());
        Assert.NotNull(json["header"]!["kb_jwt"]);
        Assert.True(result.IsValid, result.Failure?.ToString());
        JsonAssert.Equal(new JsonArray("DE", "FR"), result.Claims["nationalities"]);
        Assert.Equal(presentation.ToCompact()[..(presentation.ToCompact().LastIndexOf('~') + 1)], presentation.SdHashInput);
    }

    public void Dispose() => forge.Dispose();
}
