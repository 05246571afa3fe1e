using System.Diagnostics.CodeAnalysis;

namespace Credentials.WireFormat;

/// <summary>
/// The signature algorithms the ePRC allows (spec §2, header `alg`): a strict allow-list. Anything else
/// (<c>none</c>, HS*, PS*, ES384 …) is refused before a key is even looked up.
/// </summary>
public enum JwsAlgorithm
{
    /// <summary>ECDSA with P-256 and SHA-256 (RFC 7518 §3.4).</summary>
    ES256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).</summary>
    RS256,
}

/// <summary>The allow-list's names, the key each needs and the size of its signatures.</summary>
public static class JwsAlgorithms
{
    /// <summary>RFC 7518 §3.3: a key of at least 2048 bits is required for RS256.</summary>
    public const int MinimumRsaKeySize = 2048;

    /// <summary>The algorithm of a header's <c>alg</c>, or false for anything off the allow-list (<c>none</c> included).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out JwsAlgorithm algorithm)
    {
        // Ordinal and case-sensitive: "es256" is not an algorithm name (RFC 7515 §4.1.1).
        switch (name)
        {
            case "ES256":
                algorithm = JwsAlgorithm.ES256;
                return true;
            case "RS256":
                algorithm = JwsAlgorithm.RS256;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    /// <summary>Whether an EC key is on P-256 (secp256r1, OID 1.2.840.10045.3.1.7), the only curve ES256 allows.</summary>
    public static bool IsP256(System.Security.Cryptography.ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        return curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256");
    }

    /// <summary>
    /// The algorithm a private or public key signs with: EC P-256 is ES256, RSA of 2048 bits or more is RS256
    /// (EC ePRC spec §2). Any other key is refused with the reason.
    /// </summary>
    public static JwsAlgorithm ForKey(System.Security.Cryptography.AsymmetricAlgorithm key) => key switch
    {
        System.Security.Cryptography.ECDsa ec when IsP256(ec) => JwsAlgorithm.ES256,
        System.Security.Cryptography.ECDsa ec => throw new ArgumentException($"an EC key on a {ec.KeySize}-bit curve other than P-256 cannot sign (ES256 needs P-256).", nameof(key)),
        System.Security.Cryptography.RSA rsa when rsa.KeySize >= MinimumRsaKeySize => JwsAlgorithm.RS256,
        System.Security.Cryptography.RSA rsa => throw new ArgumentException($"an RSA key of {rsa.KeySize} bits is too short: RS256 needs at least {MinimumRsaKeySize}.", nameof(key)),
        null => throw new ArgumentNullException(nameof(key)),
        _ => throw new ArgumentException($"a {key.GetType().Name} key cannot sign: use an EC P-256 or RSA key.", nameof(key)),
    };

    /// <summary>RFC 7518 §3.4: an ES256 signature is R || S, 64 bytes; §3.3: an RS256 signature is the modulus' size.</summary>
    public static int SignatureLength(JwsAlgorithm algorithm, int keySizeInBits) =>
        algorithm == JwsAlgorithm.ES256 ? 64 : (keySizeInBits + 7) / 8;

    /// <summary>The name as the header writes it, <c>ES256</c> or <c>RS256</c>.</summary>
    public static string Name(this JwsAlgorithm algorithm) => algorithm switch
    {
        JwsAlgorithm.ES256 => "ES256",
        JwsAlgorithm.RS256 => "RS256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
