using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Signing;

namespace Credentials.Issuance.Keys;

/// <summary>
/// Loads a signer and its certificate from files: a PKCS#8 private key in PEM (plain, or encrypted with a password;
/// RSA or EC P-256) with a PEM or DER certificate, or a PKCS#12 file holding both, opened with its password. The key
/// stays in this process's memory, behind the signer seam.
/// </summary>
public static class SigningKeyLoader
{
    /// <summary>Key and certificate files are small; anything larger is not one.</summary>
    private const long MaxFileBytes = 1024 * 1024;

    /// <summary>The signer in <paramref name="keyPath"/>: a PKCS#12 file (its certificate inside, <paramref name="certificatePath"/> optional) or a PKCS#8 PEM key with the certificate at <paramref name="certificatePath"/>; <paramref name="password"/> opens an encrypted key. The key must be the certificate's, EC P-256 or RSA of at least 2048 bits; a <see cref="SigningKeyException"/> says what is wrong.</summary>
    public static CertificateSigner Load(string keyPath, string? certificatePath, string? password)
    {
        var keyBytes = ReadBounded(keyPath, "key");
        if (IsPkcs12(keyBytes))
        {
            return LoadPkcs12(keyBytes, certificatePath, password);
        }

        if (certificatePath is null)
        {
            throw new SigningKeyException("a PEM private key needs its certificate: give --cert.");
        }

        var key = LoadPemKey(System.Text.Encoding.ASCII.GetString(keyBytes), password);
        try
        {
            return Join(key, LoadCertificate(certificatePath));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A certificate from a PEM or DER file (at most 1 MiB); a <see cref="SigningKeyException"/> when it is neither.</summary>
    public static X509Certificate2 LoadCertificate(string path)
    {
        var bytes = ReadBounded(path, "certificate");
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException)
        {
            throw new SigningKeyException($"'{path}' is not an X.509 certificate in PEM or DER.");
        }
    }

    /// <summary>Reads a PKCS#8 key from PEM text; an encrypted key needs its password.</summary>
    public static AsymmetricAlgorithm LoadPemKey(string pem, string? password)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new SigningKeyException("the key file holds no PEM block: expected a PKCS#8 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY', or a PKCS#12 file.");
        }

        var label = pem[fields.Label];
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            return label switch
            {
                "PRIVATE KEY" => ImportPkcs8(der, null),
                "ENCRYPTED PRIVATE KEY" when password is null => throw new SigningKeyException("the private key is encrypted: give its password with --password."),
                "ENCRYPTED PRIVATE KEY" => ImportPkcs8(der, password),
                "EC PRIVATE KEY" => ImportEc(der),
                "RSA PRIVATE KEY" => ImportRsa(der),
                _ => throw new SigningKeyException($"a PEM '{label}' block is not a private key."),
            };
        }
        catch (CryptographicException)
        {
            throw new SigningKeyException(label == "ENCRYPTED PRIVATE KEY"
                ? "the private key could not be decrypted: wrong password, or a damaged file."
                : "the private key could not be read: the file is damaged or not a key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static CertificateSigner LoadPkcs12(byte[] bytes, string? certificatePath, string? password)
    {
        X509Certificate2 withKey;
        try
        {
            withKey = X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new SigningKeyException("the PKCS#12 file could not be opened: wrong password (--password), or a damaged file.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)withKey.GetECDsaPrivateKey() ?? withKey.GetRSAPrivateKey()
            ?? throw new SigningKeyException("the PKCS#12 file holds no EC or RSA private key.");
        var certificate = certificatePath is null ? X509CertificateLoader.LoadCertificate(withKey.RawData) : LoadCertificate(certificatePath);
        withKey.Dispose();
        return Join(key, certificate);
    }

    /// <summary>The key behind the signer seam, joined to its certificate; a key that cannot sign, or is not the certificate's, is refused.</summary>
    public static CertificateSigner Join(AsymmetricAlgorithm key, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(certificate);
        InMemorySigner signer;
        try
        {
            signer = new InMemorySigner(key);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new SigningKeyException(FirstSentence(e.Message));
        }

        try
        {
            return new CertificateSigner(signer, certificate);
        }
        catch (ArgumentException e)
        {
            signer.Dispose();
            throw new SigningKeyException(FirstSentence(e.Message));
        }
    }

    private static string FirstSentence(string message) =>
        message.IndexOf(" (Parameter '", StringComparison.Ordinal) is var at and >= 0 ? message[..at] : message;

    private static AsymmetricAlgorithm ImportPkcs8(byte[] der, string? password)
    {
        // The algorithm OID inside PKCS#8 says which kind of key it is; try EC, then RSA.
        return TryImport(ECDsa.Create(), der, password, rethrow: false) ?? TryImport(RSA.Create(), der, password, rethrow: true)!;
    }

    private static AsymmetricAlgorithm? TryImport(AsymmetricAlgorithm key, byte[] der, string? password, bool rethrow)
    {
        try
        {
            if (password is null)
            {
                key.ImportPkcs8PrivateKey(der, out _);
            }
            else
            {
                key.ImportEncryptedPkcs8PrivateKey(password, der, out _);
            }

            return key;
        }
        catch (CryptographicException) when (!rethrow)
        {
            key.Dispose();
            return null;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static ECDsa ImportEc(byte[] der)
    {
        var ec = ECDsa.Create();
        ec.ImportECPrivateKey(der, out _);
        return ec;
    }

    private static RSA ImportRsa(byte[] der)
    {
        var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(der, out _);
        return rsa;
    }

    /// <summary>PKCS#12 is DER: a SEQUENCE, not PEM text.</summary>
    private static bool IsPkcs12(byte[] bytes) => bytes.Length > 2 && bytes[0] == 0x30;

    private static byte[] ReadBounded(string path, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SigningKeyException($"the {what} file '{path}' does not exist.");
        }

        if (info.Length > MaxFileBytes)
        {
            throw new SigningKeyException($"the {what} file '{path}' is {info.Length} bytes: too large to be a {what}.");
        }

        return File.ReadAllBytes(path);
    }
}
