using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Host.Tests.Issuing;

/// <summary>Signing keys of BE:0120 as an operator hands them to the host: a PKCS#8 PEM key file (encrypted) and its certificate's PEM file.</summary>
public sealed class SigningKeyFiles : IDisposable
{
    public const string Password = "key-password-6120";

    public SigningKeyFiles() => Folder = Directory.CreateTempSubdirectory("credentials-host-keys-").FullName;

    public string Folder { get; }

    /// <summary>Writes a new EC P-256 key (encrypted with <see cref="Password"/>) and a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public (string Key, string Certificate, X509Certificate2 Issued) Write(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=CM BE:0120 TEST {name}, O=Credentials TEST", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var keyFile = Path.Combine(Folder, name + ".key.pem");
        var certificateFile = Path.Combine(Folder, name + ".cert.pem");
        File.WriteAllText(keyFile, key.ExportEncryptedPkcs8PrivateKeyPem(Password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        return (keyFile, certificateFile, X509CertificateLoader.LoadCertificate(certificate.RawData));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
