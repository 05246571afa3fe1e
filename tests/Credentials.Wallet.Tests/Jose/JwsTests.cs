using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;
using Credentials.Wallet.Tests.SdJwt;
using Credentials.WireFormat;

namespace Credentials.Wallet.Tests.Jose;

/// <summary>The JWS helper (RFC 7515): signing through ISigner, strict reading, the algorithm allow-list.</summary>
public sealed class JwsTests
{
    private static readonly HashSet<JwsAlgorithm> Es256Only = [JwsAlgorithm.ES256];

    [Fact]
    public void A_compact_jws_we_sign_reads_back_and_verifies_with_the_public_key()
    {
        using var signer = TestKeys.Signer(TestKeys.IssuerJwk);
        var text = JwsSigning.SignCompact(signer, new JsonObject { ["typ"] = "statuslist+jwt", ["kid"] = "k1" }, """{"sub":"x"}"""u8);

        Assert.True(Jws.TryParseCompact(text, null, out var jws, out var problem), problem);
        Assert.Equal(text, jws.ToCompact());
        Assert.Equal("statuslist+jwt", jws.Header.Type);
        Assert.Equal("k1", jws.Header.KeyId);
        Assert.True(jws.Header.TryGetAlgorithm(Es256Only, out var algorithm, out problem), problem);
        Assert.True(jws.Verify(jws.Signatures[0], signer.PublicKey, algorithm));
        using var other = TestKeys.Signer(TestKeys.HolderJwk);
        Assert.False(jws.Verify(jws.Signatures[0], other.PublicKey, algorithm));
    }

    [Fact]
    public void A_header_read_before_is_held_to_the_depth_bound_of_each_read_and_never_stands_for_another_text()
    {
        using var signer = TestKeys.Signer(TestKeys.IssuerJwk);
        var text = JwsSigning.SignCompact(signer, new JsonObject { ["typ"] = "dc+sd-jwt", ["ext"] = new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } } }, """{"sub":"x"}"""u8);

        // Read twice under the default bound (the second read reuses the first's decoding), then under a bound the
        // header breaks: refused, as on a first read.
        Assert.True(Jws.TryParseCompact(text, null, out var first, out var problem), problem);
        Assert.True(Jws.TryParseCompact(text, null, out var second, out problem), problem);
        Assert.Equal(first.Header.Protected.GetRawText(), second.Header.Protected.GetRawText());
        Assert.False(Jws.TryParseCompact(text, new JwsLimits { MaxDepth = 2 }, out _, out problem));
        Assert.Contains("nests deeper", problem, StringComparison.Ordinal);

        // A header one character away from the one read before is decoded for itself: here, not base64url.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var changed = string.Concat(text.AsSpan(0, dot - 1), "*", text.AsSpan(dot));
        Assert.False(Jws.TryParseCompact(changed, null, out _, out problem));
        Assert.Equal("the JWS header is not base64url", problem);
        Assert.True(second.Verify(second.Signatures[0], signer.PublicKey, JwsAlgorithm.ES256));
    }

    [Fact]
    public void The_header_cannot_name_its_own_algorithm()
    {
        using var signer = TestKeys.Signer(TestKeys.IssuerJwk);

        Assert.Throws<ArgumentException>(() => JwsSigning.SignCompact(signer, new JsonObject { ["alg"] = "none" }, "{}"u8));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("e30=.e30.AA")]
    [InlineData("e30.e30.A+A")]
    [InlineData("e30.e30 .AA")]
    [InlineData("W10.e30.AA")]
    [InlineData("eyJhIjoxLCJhIjoyfQ.e30.AA")]
    public void Malformed_compact_jws_is_refused_with_a_reason(string text)
    {
        Assert.False(Jws.TryParseCompact(text, null, out _, out var problem));
        Assert.StartsWith("the JWS", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES512")]
    public void Algorithms_off_the_allow_list_are_refused(string alg)
    {
        var text = $"{Base64UrlText.EncodeUtf8($$"""{"alg":"{{alg}}"}""")}.e30.";

        Assert.True(Jws.TryParseCompact(text, null, out var jws, out var problem), problem);
        Assert.False(jws.Header.TryGetAlgorithm(Es256Only, out _, out problem));
        Assert.Contains("not allowed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_serializations_refuse_members_both_protected_and_unprotected()
    {
        var json = JsonElement.Parse($$"""{"payload":"e30","protected":"{{Base64UrlText.EncodeUtf8("""{"alg":"ES256","kid":"a"}""")}}","header":{"kid":"b"},"signature":"AA"}""");

        Assert.False(Jws.TryParseJson(json, null, out _, out var problem));
        Assert.Contains("both protected and unprotected", problem, StringComparison.Ordinal);
    }
}
