using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// A key-encryption certificate for the data-protection key ring, as an operator gives it: a password-protected PFX
/// file (RSA 2048) and a file holding its password, in a folder of its own so that several hosts can share it.
/// </summary>
public sealed class KeyEncryptionCertificate : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-kek-").FullName;

    public KeyEncryptionCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Credentials key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        PfxFile = Path.Combine(folder, "key-ring.pfx");
        PasswordFile = Path.Combine(folder, "key-ring.password");
        File.WriteAllBytes(PfxFile, certificate.Export(X509ContentType.Pfx, password));
        File.WriteAllText(PasswordFile, password + "\n");
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <summary>The certificate without its key, as the key ring's XML names it.</summary>
    public X509Certificate2 Certificate { get; }

    public string PfxFile { get; }

    public string PasswordFile { get; }

    /// <summary>The host settings naming it.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Credentials:DataProtection:Certificate"] = PfxFile,
        ["Credentials:DataProtection:PasswordFile"] = PasswordFile,
    };

    /// <summary><paramref name="settings"/> and this certificate's.</summary>
    public Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
