using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Credentials.WireFormat;

namespace Credentials.Wallet.Jose;

/// <summary>Which public key fits which algorithm, and the signature check itself (BCL ECDsa and RSA).</summary>
internal static class JwsKeys
{
    // Whether a key object is EC P-256 asks OpenSSL for its parameters; remember the answer per key object.
    private static readonly ConditionalWeakTable<AsymmetricAlgorithm, object> P256Keys = [];

    /// <summary>RFC 7518 §3.4: ES256 needs an EC P-256 key; §3.3: RS256 an RSA key of 2048 bits or more.</summary>
    public static bool Fits(AsymmetricAlgorithm key, JwsAlgorithm algorithm) => algorithm switch
    {
        JwsAlgorithm.ES256 => key is ECDsa ec && IsP256(ec),
        JwsAlgorithm.RS256 => key is RSA rsa && rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize,
        _ => false,
    };

    public static bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, AsymmetricAlgorithm key, JwsAlgorithm algorithm)
    {
        if (!Fits(key, algorithm))
        {
            return false;
        }

        try
        {
            return key switch
            {
                // RFC 7518 §3.4: the JWS form of an ECDSA signature is R || S, 64 bytes for P-256; nothing else is read.
                ECDsa ec => signature.Length == 64
                    && ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                RSA rsa => signature.Length == (rsa.KeySize + 7) / 8
                    && rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal static void RememberP256(ECDsa key) => P256Keys.AddOrUpdate(key, key);

    private static bool IsP256(ECDsa key)
    {
        if (P256Keys.TryGetValue(key, out _))
        {
            return true;
        }

        if (!JwsAlgorithms.IsP256(key))
        {
            return false;
        }

        P256Keys.AddOrUpdate(key, key);
        return true;
    }
}
