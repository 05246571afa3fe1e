namespace Credentials.Host.Configuration;

/// <summary>
/// One entry of <c>Credentials:DataProtection:Previous</c>: a key-encryption certificate the ring was encrypted to
/// before the current one. Keys made before a rotation stay encrypted to it, so the host keeps it to decrypt them
/// (never to encrypt) until they have expired (the ring's keys live 90 days).
/// </summary>
internal sealed class PreviousKeyRingCertificate
{
    /// <summary>The PKCS#12 (PFX) file, with its RSA key.</summary>
    public string? Certificate { get; set; }

    /// <summary>A file holding its password (its first line); else <see cref="KeyRingOptions.PasswordVariable"/>; else none.</summary>
    public string? PasswordFile { get; set; }
}
