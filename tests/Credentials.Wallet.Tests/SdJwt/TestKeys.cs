using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Signing;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>Keys from JWKs: the published test keys of the vectors (RFC 9901 A.5 issuer key, the example holder key).</summary>
internal static class TestKeys
{
    /// <summary>RFC 9901 Appendix A.5 issuer key, with the private part published in the sd-jwt-python settings.</summary>
    public static readonly JsonObject IssuerJwk = new()
    {
        ["kty"] = "EC", ["crv"] = "P-256",
        ["d"] = "Ur2bNKuBPOrAaxsRnbSH6hIhmNTxSGXshDSUD1a1y7g",
        ["x"] = "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ",
        ["y"] = "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8",
    };

    /// <summary>The RFC 9901 example holder key (private part from the sd-jwt-python settings).</summary>
    public static readonly JsonObject HolderJwk = new()
    {
        ["kty"] = "EC", ["crv"] = "P-256",
        ["d"] = "5K5SCos8zf9zRemGGUl6yfok-_NiiryNZsvANWMhF-I",
        ["x"] = "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
        ["y"] = "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ",
    };

    /// <summary>A signer over a private EC P-256 JWK.</summary>
    public static InMemorySigner Signer(JsonNode jwk) => new(ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = Decode(jwk, "d"),
        Q = new ECPoint { X = Decode(jwk, "x"), Y = Decode(jwk, "y") },
    }));

    /// <summary>The public key of an EC P-256 JWK (private members ignored).</summary>
    public static ECDsa PublicKey(JsonNode jwk) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Decode(jwk, "x"), Y = Decode(jwk, "y") },
    });

    /// <summary>The public members of an EC JWK, as a verifier's processed <c>cnf.jwk</c> has them.</summary>
    public static JsonObject PublicJwk(JsonNode jwk) => new()
    {
        ["kty"] = jwk["kty"]!.GetValue<string>(),
        ["crv"] = jwk["crv"]!.GetValue<string>(),
        ["x"] = jwk["x"]!.GetValue<string>(),
        ["y"] = jwk["y"]!.GetValue<string>(),
    };

    private static byte[] Decode(JsonNode jwk, string name) => Base64Url.DecodeFromChars(jwk[name]!.GetValue<string>());
}
