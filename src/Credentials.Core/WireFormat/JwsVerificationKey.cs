using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Labels;

namespace Credentials.WireFormat;

/// <summary>
/// A certificate's public key, ready to check JWS signatures with the BCL (RFC 7518 §3.3 RS256, §3.4 ES256). The key
/// is imported once, so verifying many documents does no per-document key work. Thread-safe: the BCL's
/// OpenSSL-backed keys make a fresh context for every operation.
/// </summary>
public sealed class JwsVerificationKey
{
    private readonly AsymmetricAlgorithm key;

    private JwsVerificationKey(AsymmetricAlgorithm key, JwsAlgorithm? fitsAlgorithm, MessageText description)
    {
        this.key = key;
        FitsAlgorithm = fitsAlgorithm;
        DescriptionText = description;
    }

    /// <summary>The one algorithm this key may be used with, or null when it fits neither ES256 nor RS256.</summary>
    public JwsAlgorithm? FitsAlgorithm { get; }

    /// <summary>The key type and size in English, e.g. "EC P-256" or "RSA 2048".</summary>
    public string Description => DescriptionText.ToString();

    /// <summary>The key type and size, to be rendered in any language.</summary>
    public MessageText DescriptionText { get; }

    /// <summary>Imports the public key of a certificate. Returns null (with the reason) for a key type we cannot use.</summary>
    public static JwsVerificationKey? FromCertificate(X509Certificate2 certificate, [NotNullWhen(false)] out MessageText? problem)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        problem = null;
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            return FromPublicKey(ec);
        }

        if (certificate.GetRSAPublicKey() is { } rsa)
        {
            return FromPublicKey(rsa);
        }

        problem = DecodeMessages.KeyNotEcOrRsa();
        return null;
    }

    /// <summary>Wraps a public key (EC or RSA) the caller hands over.</summary>
    public static JwsVerificationKey FromPublicKey(AsymmetricAlgorithm publicKey) => publicKey switch
    {
        ECDsa ec when JwsAlgorithms.IsP256(ec) => new JwsVerificationKey(ec, JwsAlgorithm.ES256, DecodeMessages.KeyEcP256()),
        ECDsa ec => new JwsVerificationKey(ec, null, DecodeMessages.KeyEcOther(ec.KeySize)),
        RSA rsa => new JwsVerificationKey(rsa, rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize ? JwsAlgorithm.RS256 : null, DecodeMessages.KeyRsa(rsa.KeySize)),
        null => throw new ArgumentNullException(nameof(publicKey)),
        _ => throw new ArgumentException("only EC and RSA keys verify JWS here.", nameof(publicKey)),
    };

    /// <summary>Whether the key fits the algorithm of the header (RFC 7518 §3.3, §3.4), and why not.</summary>
    public bool Fits(JwsAlgorithm algorithm, [NotNullWhen(false)] out MessageText? problem)
    {
        if (FitsAlgorithm == algorithm)
        {
            problem = null;
            return true;
        }

        problem = algorithm == JwsAlgorithm.ES256
            ? DecodeMessages.KeyNeedsEs256(DescriptionText)
            : DecodeMessages.KeyNeedsRs256(DescriptionText, JwsAlgorithms.MinimumRsaKeySize);
        return false;
    }

    /// <summary>Checks the signature over the token's signing input (RFC 7515 §5.2). A bad signature is false, not an exception.</summary>
    public bool Verify(JwsCompact token, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Verify(token.SigningInput, token.Signature, algorithm);
    }

    /// <summary>Checks a JWS-form signature over <paramref name="signingInput"/>. A bad signature is false, not an exception.</summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, JwsAlgorithm algorithm)
    {
        if (!Fits(algorithm, out _) || signature.Length != JwsAlgorithms.SignatureLength(algorithm, key.KeySize))
        {
            return false;
        }

        try
        {
            return key switch
            {
                // RFC 7518 §3.4: the JWS form of an ECDSA signature is R || S.
                ECDsa ec => ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                RSA rsa => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, JwsAlgorithm)"/>, over the signing input at the start of <paramref name="ascii"/>.</summary>
    public bool Verify(byte[] ascii, int offset, int signingInputLength, byte[] signature, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(ascii);
        ArgumentNullException.ThrowIfNull(signature);
        return Verify(ascii.AsSpan(offset, signingInputLength), signature, algorithm);
    }
}
