using System.Security.Cryptography;
using Credentials.WireFormat;

namespace Credentials.Signing;

/// <summary>
/// A private key that signs, wherever it is kept: in memory (PEM, PKCS#12) or in an HSM behind PKCS#11. Every
/// issuing path signs through this seam (tokens, revocation and status lists, snapshots, SD-JWT, COSE).
/// Implementations are thread-safe, so one instance serves every batch worker and every request, and they never
/// export the private key.
/// </summary>
public interface ISigner
{
    /// <summary>The JWS algorithm the key signs with (RFC 7518 §3.1); it follows from the key.</summary>
    JwsAlgorithm Algorithm { get; }

    /// <summary>The length of one signature in its JWS form, in bytes (64 for ES256, the modulus size for RS256).</summary>
    int SignatureLength { get; }

    /// <summary>The public half of the key, e.g. for <c>cnf.jwk</c> or to check it against a certificate.</summary>
    AsymmetricAlgorithm PublicKey { get; }

    /// <summary>
    /// Signs <paramref name="data"/> into <paramref name="signature"/> (exactly <see cref="SignatureLength"/> bytes)
    /// in the form JWS uses: ES256 is R || S (RFC 7518 §3.4), RS256 is RSASSA-PKCS1-v1_5 over SHA-256 (§3.3).
    /// </summary>
    void Sign(ReadOnlySpan<byte> data, Span<byte> signature);

    /// <summary>
    /// The key as the BCL's <see cref="ECDsa"/> or <see cref="RSA"/>, whose private operations go to wherever the key
    /// is kept: for APIs that want an <see cref="AsymmetricAlgorithm"/>, such as COSE signing. The caller does not
    /// dispose it; it lives as long as the signer.
    /// </summary>
    AsymmetricAlgorithm AsAsymmetricAlgorithm();
}
