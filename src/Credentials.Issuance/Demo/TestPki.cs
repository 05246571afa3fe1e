using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Issuance.Keys;

namespace Credentials.Issuance.Demo;

/// <summary>
/// A throwaway test PKI: a root CA and signing certificates issued by it, for the demo, the samples and the
/// tests. Never for production: the keys live in memory and the names say TEST.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa caKey;

    /// <summary>A new root CA (EC P-256, valid 20 years from <paramref name="notBefore"/>) named <paramref name="name"/>, <c>O=Credentials TEST</c>.</summary>
    public TestPki(DateTimeOffset notBefore, string name = "Credentials TEST Root CA")
    {
        caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Credentials TEST", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = request.CreateSelfSigned(notBefore, notBefore.AddYears(20));
    }

    /// <summary>The root certificate: what a chain's last link points to; trust in our registry pins the leaf, not this.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>Issues a document-signing certificate with a new EC P-256 (ES256) or RSA-2048 (RS256) key.</summary>
    public Credentials.Signing.CertificateSigner IssueSigner(string commonName, bool rsa, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA r
            ? new CertificateRequest($"CN={commonName}, O=Credentials TEST", r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest($"CN={commonName}, O=Credentials TEST", (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
        return new Credentials.Signing.CertificateSigner(new Credentials.Signing.InMemorySigner(key), X509CertificateLoader.LoadCertificate(issued.RawData), [Root]);
    }

    /// <summary>Disposes of the root's key and certificate.</summary>
    public void Dispose()
    {
        caKey.Dispose();
        Root.Dispose();
    }
}
