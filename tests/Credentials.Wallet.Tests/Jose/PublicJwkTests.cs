using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;
using Credentials.Wallet.Tests.SdJwt;
using Credentials.WireFormat;

namespace Credentials.Wallet.Tests.Jose;

/// <summary>Public JWKs (RFC 7517, RFC 7518 §6.2 and §6.3): what is read, what is refused, what is written.</summary>
public sealed class PublicJwkTests
{
    [Fact]
    public void The_rfc_9901_holder_key_reads_as_an_es256_key_and_writes_back_the_same()
    {
        var json = TestKeys.PublicJwk(TestKeys.HolderJwk);

        Assert.True(PublicJwk.TryParse(Element(json), out var key, out var problem), problem);
        using (key)
        {
            Assert.Equal(JwsAlgorithm.ES256, key.Algorithm);
            JsonAssert.Equal(json, key.ToJson());
            JsonAssert.Equal(json, PublicJwk.ToJson(key.Key));
        }
    }

    [Theory]
    [InlineData("d")]
    [InlineData("p")]
    [InlineData("k")]
    public void A_jwk_with_a_private_member_is_refused(string member)
    {
        var json = TestKeys.PublicJwk(TestKeys.HolderJwk);
        json[member] = "5K5SCos8zf9zRemGGUl6yfok-_NiiryNZsvANWMhF-I";

        Assert.False(PublicJwk.TryParse(Element(json), out _, out var problem));
        Assert.Contains($"'{member}'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crv", "P-384")]
    [InlineData("kty", "OKP")]
    [InlineData("kty", "oct")]
    [InlineData("x", "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGe")]
    [InlineData("x", "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc=")]
    [InlineData("y", "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZR")]
    public void A_jwk_that_is_not_a_p256_public_key_is_refused(string member, string value)
    {
        var json = TestKeys.PublicJwk(TestKeys.HolderJwk);
        json[member] = value;

        Assert.False(PublicJwk.TryParse(Element(json), out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void Rsa_keys_of_2048_bits_are_read_and_shorter_ones_refused()
    {
        using var strong = RSA.Create(2048);
        using var weak = RSA.Create(1024);

        Assert.True(PublicJwk.TryParse(Element(PublicJwk.ToJson(strong)), out var key, out var problem), problem);
        Assert.Equal(JwsAlgorithm.RS256, key.Algorithm);
        key.Dispose();
        Assert.False(PublicJwk.TryParse(Element(PublicJwk.ToJson(weak)), out _, out problem));
        Assert.Contains("2048", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_on_other_curves_have_no_jwk_here()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => PublicJwk.ToJson(p384));
    }

    private static JsonElement Element(JsonObject json) => JsonElement.Parse(json.ToJsonString());
}
