using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.WireFormat;

/// <summary>
/// A certificate's public key, ready to check ePRC signatures. The key is imported once and its signature
/// provider cached, so verifying many documents does no per-document key work.
/// </summary>
public sealed class JwsVerificationKey
{
    private readonly SecurityKey securityKey;
    private readonly int keySize;
    private SignatureProvider? provider;

    private JwsVerificationKey(AsymmetricAlgorithm key, JwsAlgorithm? fitsAlgorithm, int keySize, string description)
    {
        securityKey = IdentityModelAdapter.ToSecurityKey(key);
        FitsAlgorithm = fitsAlgorithm;
        this.keySize = keySize;
        Description = description;
    }

    /// <summary>The one algorithm this key may be used with, or null when it fits neither ES256 nor RS256.</summary>
    public JwsAlgorithm? FitsAlgorithm { get; }

    /// <summary>The key type and size, e.g. "EC P-256" or "RSA 2048".</summary>
    public string Description { get; }

    /// <summary>Imports the public key of a certificate. Returns null (with the reason) for a key type we cannot use.</summary>
    public static JwsVerificationKey? FromCertificate(X509Certificate2 certificate, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            var isP256 = JwsAlgorithms.IsP256(ec);
            return new JwsVerificationKey(ec, isP256 ? JwsAlgorithm.ES256 : null, ec.KeySize, isP256 ? "EC P-256" : $"EC {ec.KeySize}-bit, not P-256");
        }

        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            var fits = rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize ? JwsAlgorithm.RS256 : (JwsAlgorithm?)null;
            return new JwsVerificationKey(rsa, fits, rsa.KeySize, $"RSA {rsa.KeySize}");
        }

        problem = "the certificate's key is neither EC nor RSA.";
        return null;
    }

    /// <summary>Whether the key fits the algorithm of the header (RFC 7518 §3.3, §3.4), and why not.</summary>
    public bool Fits(JwsAlgorithm algorithm, [NotNullWhen(false)] out string? problem)
    {
        if (FitsAlgorithm == algorithm)
        {
            problem = null;
            return true;
        }

        problem = algorithm == JwsAlgorithm.ES256
            ? $"the header says ES256 but the certificate's key is {Description}; ES256 needs an EC P-256 key."
            : $"the header says RS256 but the certificate's key is {Description}; RS256 needs an RSA key of at least {JwsAlgorithms.MinimumRsaKeySize} bits.";
        return false;
    }

    /// <summary>Checks the signature over the token's signing input (RFC 7515 §5.2). A bad signature is false, not an exception.</summary>
    public bool Verify(JwsCompact token, JwsAlgorithm algorithm) =>
        Verify(token.Ascii, 0, token.SigningInputLength, token.Signature, algorithm);

    /// <summary>
    /// Checks a signature over <c>ASCII(header '.' payload)</c> found at <paramref name="offset"/> in
    /// <paramref name="ascii"/> (the compact serialization's own bytes: no copy). A bad signature is false.
    /// </summary>
    public bool Verify(byte[] ascii, int offset, int signingInputLength, byte[] signature, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!Fits(algorithm, out _) || signature.Length != ExpectedSignatureLength(algorithm))
        {
            return false;
        }

        provider ??= IdentityModelAdapter.CreateVerifier(securityKey, algorithm);
        try
        {
            return IdentityModelAdapter.Verify(provider, ascii, offset, signingInputLength, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>RFC 7518 §3.4: an ES256 signature is R || S, 64 bytes; §3.3: an RS256 signature is the modulus size.</summary>
    private int ExpectedSignatureLength(JwsAlgorithm algorithm) => algorithm == JwsAlgorithm.ES256 ? 64 : (keySize + 7) / 8;
}
