using System.Security.Cryptography;
using Credentials.WireFormat;

namespace Credentials.Signing;

/// <summary>
/// A signer over a key held in this process (loaded from PEM or PKCS#12, or generated, e.g. a holder key). The BCL's
/// OpenSSL-backed keys make a fresh context for every operation, so concurrent signing is safe; a test checks it.
/// </summary>
public sealed class InMemorySigner : ISigner, IDisposable
{
    private readonly AsymmetricAlgorithm key;
    private readonly AsymmetricAlgorithm publicKey;

    /// <summary>Takes ownership of <paramref name="privateKey"/>: an EC P-256 key signs ES256, an RSA key of 2048 bits or more RS256.</summary>
    public InMemorySigner(AsymmetricAlgorithm privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        Algorithm = JwsAlgorithms.ForKey(privateKey);
        key = privateKey;
        SignatureLength = JwsAlgorithms.SignatureLength(Algorithm, privateKey.KeySize);
        publicKey = privateKey switch
        {
            ECDsa ec => PublicOnly(ec),
            RSA rsa => PublicOnly(rsa),
            _ => throw new ArgumentException("only EC and RSA keys sign.", nameof(privateKey)),
        };
    }

    /// <inheritdoc/>
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public int SignatureLength { get; }

    /// <inheritdoc/>
    public AsymmetricAlgorithm PublicKey => publicKey;

    /// <summary>A new EC P-256 key, e.g. a wallet's holder key in tests and the demo.</summary>
    public static InMemorySigner CreateP256() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <inheritdoc/>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (signature.Length < SignatureLength)
        {
            throw new ArgumentException($"the signature buffer holds {signature.Length} bytes; {SignatureLength} are needed.", nameof(signature));
        }

        var written = key switch
        {
            // RFC 7518 §3.4: the JWS form of an ECDSA signature is R || S, each 32 bytes for P-256.
            ECDsa ec => ec.SignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.SignData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => 0,
        };

        if (written != SignatureLength)
        {
            throw new CryptographicException($"the {Algorithm.Name()} signature was {written} bytes, not the {SignatureLength} expected.");
        }
    }

    /// <inheritdoc/>
    public AsymmetricAlgorithm AsAsymmetricAlgorithm() => key;

    /// <inheritdoc/>
    public void Dispose()
    {
        key.Dispose();
        publicKey.Dispose();
    }

    private static ECDsa PublicOnly(ECDsa key)
    {
        var copy = ECDsa.Create();
        copy.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return copy;
    }

    private static RSA PublicOnly(RSA key)
    {
        var copy = RSA.Create();
        copy.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return copy;
    }
}
