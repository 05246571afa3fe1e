using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Issuance.Keys;

/// <summary>A private key with the certificate that the trust registry knows it by.</summary>
public sealed class SigningIdentity : IDisposable
{
    public SigningIdentity(AsymmetricAlgorithm privateKey, X509Certificate2 certificate)
    {
        PrivateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
        Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
        if (!PublicKeysMatch(privateKey, certificate))
        {
            throw new SigningKeyException("the private key does not belong to the certificate (their public keys differ).");
        }
    }

    public AsymmetricAlgorithm PrivateKey { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// An independent copy (its own key object), for a worker thread that signs alongside others. The key moves
    /// through memory only, never a file.
    /// </summary>
    public SigningIdentity Copy()
    {
        var pkcs8 = PrivateKey.ExportPkcs8PrivateKey();
        try
        {
            AsymmetricAlgorithm key = PrivateKey is ECDsa ? ECDsa.Create() : RSA.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new SigningIdentity(key, X509CertificateLoader.LoadCertificate(Certificate.RawData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private static bool PublicKeysMatch(AsymmetricAlgorithm privateKey, X509Certificate2 certificate)
    {
        var certificateKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return privateKey switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificateKey),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificateKey),
            _ => false,
        };
    }

    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
