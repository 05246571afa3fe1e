using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Trust;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// A throwaway PKI for the status list tests: a root CA, an intermediate CA, and signers issued by the intermediate,
/// each a <see cref="CertificateSigner"/> whose chain is leaf then intermediate (never the root).
/// </summary>
internal sealed class StatusListPki : IDisposable
{
    public static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");
    public static readonly InstitutionId OtherInstitution = InstitutionId.Parse("BE:0999");

    private readonly ECDsa rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<IDisposable> owned = [];

    public StatusListPki(DateTimeOffset notBefore)
    {
        NotBefore = notBefore;
        var rootRequest = new CertificateRequest("CN=Status TEST Root, O=Credentials TEST", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Root = rootRequest.CreateSelfSigned(notBefore, notBefore.AddYears(10));

        var intermediateRequest = new CertificateRequest("CN=Status TEST Issuing CA, O=Credentials TEST", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Intermediate = intermediateRequest.Create(Root, notBefore, notBefore.AddYears(5), Serial());
    }

    public DateTimeOffset NotBefore { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    /// <summary>A new signer (EC P-256, or RSA-2048 when <paramref name="rsa"/>) with a certificate from the intermediate CA.</summary>
    public CertificateSigner IssueSigner(string commonName, bool rsa = false, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = $"CN={commonName}, O=Credentials TEST";
        var request = key is RSA r
            ? new CertificateRequest(subject, r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var issued = request.Create(Intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(intermediateKey), notBefore ?? NotBefore, notAfter ?? NotBefore.AddYears(3), Serial());
        var signer = new CertificateSigner(new InMemorySigner(key), X509CertificateLoader.LoadCertificate(issued.RawData), [Intermediate, Root]);
        owned.Add(signer);
        return signer;
    }

    /// <summary>A registry in which each institution is linked to the given signers' certificates.</summary>
    public static TrustRegistry Registry(params (InstitutionId Institution, ICertificateSigner Signer)[] links) =>
        new(links.GroupBy(link => link.Institution).Select(group => new RegistryIssuer(
            group.Key,
            "Test institution " + group.Key,
            [.. group.Select(link => new TrustedCertificate(link.Signer.Certificate))],
            [])));

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }

        rootKey.Dispose();
        intermediateKey.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
