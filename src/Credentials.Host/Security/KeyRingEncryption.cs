using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Database;
using Credentials.Host.Accounts;
using Credentials.Host.Configuration;
using Microsoft.AspNetCore.DataProtection;

namespace Credentials.Host.Security;

/// <summary>
/// The data-protection key ring's encryption at rest (<c>Credentials:DataProtection</c>): with a key-encryption
/// certificate every new key of the ring is stored encrypted to it (XML encryption, <c>encryptedKey</c>), and every
/// host holding the certificate reads the ring. Without one the ring, and the access-token keys it protects, are
/// stored as the platform writes them: a warning at every start, and a refusal to start when the ring or the token
/// keys are in PostgreSQL outside Development (a shared database and its backups are read by more people and
/// machines than the host's own disk), unless the operator says <see cref="KeyRingOptions.AllowUnencrypted"/>.
/// </summary>
internal sealed class KeyRingEncryption
{
    private const string S = ServeOptions.Section + ":" + KeyRingOptions.Section;

    private KeyRingEncryption(X509Certificate2? certificate, string ringLocation)
    {
        Certificate = certificate;
        RingLocation = ringLocation;
    }

    /// <summary>The key-encryption certificate, or null: the ring is stored unencrypted.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Where the ring is, for messages: the state database's file or PostgreSQL server (no user or password).</summary>
    public string RingLocation { get; }

    /// <summary>
    /// Reads the section, loads the certificate and applies it to <paramref name="dataProtection"/>; refuses an
    /// unencrypted ring in PostgreSQL outside Development. Throws <see cref="ServerStartException"/> (one line).
    /// </summary>
    public static KeyRingEncryption Apply(IDataProtectionBuilder dataProtection, ServeOptions options, bool development)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.DataProtection;
        var ring = Location(options.Accounts.Store ?? Path.Combine(options.DataFolder, AccountOptions.DefaultStoreFile));
        var tokenKeys = Location(options.WalletImport.Store ?? Path.Combine(options.DataFolder, "wallet-offers.db"));
        if (settings.Certificate is not { } file)
        {
            if (settings.PasswordFile is not null)
            {
                throw new ServerStartException($"{S}:PasswordFile: a password is for {S}:Certificate, which is not set.");
            }

            if (settings.Previous.Count > 0)
            {
                throw new ServerStartException($"{S}:Previous: earlier certificates are kept beside a current one, and {S}:Certificate is not set.");
            }

            if ((ring?.IsPostgreSql == true || tokenKeys?.IsPostgreSql == true) && !development && !settings.AllowUnencrypted)
            {
                throw new ServerStartException($"{S}:Certificate: the data-protection key ring (and with it the access-token keys) would be stored unencrypted in PostgreSQL ({(ring?.IsPostgreSql == true ? ring.Display : tokenKeys!.Display)}); give a key-encryption certificate (a PFX file, see the README), or set {S}:AllowUnencrypted to true to accept that.");
            }

            return new KeyRingEncryption(null, ring?.Display ?? "the state database");
        }

        var certificate = Load($"{S}:Certificate", file, Password($"{S}:PasswordFile", settings.PasswordFile));
        var readable = new List<X509Certificate2> { certificate };
        for (var i = 0; i < settings.Previous.Count; i++)
        {
            var name = $"{S}:Previous:{i}";
            if (settings.Previous[i].Certificate is not { } previous)
            {
                throw new ServerStartException($"{name}:Certificate: the earlier certificate's file is not set.");
            }

            readable.Add(Load($"{name}:Certificate", previous, Password($"{name}:PasswordFile", settings.Previous[i].PasswordFile)));
        }

        // New keys are encrypted to the current certificate; keys made before a rotation are read with the one they
        // were encrypted to (the XML names it), so a rotation loses no session, antiforgery token or access-token key.
        dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([.. readable]);
        return new KeyRingEncryption(certificate, ring?.Display ?? "the state database");
    }

    private static DatabaseLocation? Location(string location)
    {
        try
        {
            return DatabaseLocation.Parse(location);
        }
        catch (DatabaseException)
        {
            // The store that opens it says what is wrong with it, with its own setting's name.
            return null;
        }
    }

    private static string? Password(string setting, string? passwordFile)
    {
        if (passwordFile is not { } file)
        {
            return Environment.GetEnvironmentVariable(KeyRingOptions.PasswordVariable);
        }

        try
        {
            return File.ReadLines(file).FirstOrDefault() ?? string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"{setting}: '{file}' cannot be read ({(e is FileNotFoundException or DirectoryNotFoundException ? "there is no such file" : "no access")}).", e);
        }
    }

    private static X509Certificate2 Load(string setting, string file, string? password)
    {
        if (!File.Exists(file))
        {
            throw new ServerStartException($"{setting}: there is no file '{file}'.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new ServerStartException($"{setting}: '{file}' is not a PKCS#12 (PFX) file that this password opens (give it in the PasswordFile beside it or {KeyRingOptions.PasswordVariable}).", e);
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new ServerStartException($"{setting}: '{file}' holds no RSA private key; the key ring is encrypted to an RSA key (XML encryption).");
        }

        return certificate;
    }
}
