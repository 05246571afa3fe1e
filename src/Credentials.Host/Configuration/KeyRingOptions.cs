namespace Credentials.Host.Configuration;

/// <summary>
/// The section <c>Credentials:DataProtection</c>: how the ASP.NET Core data-protection key ring is encrypted at rest in
/// the state database. The ring protects sign-in cookies, antiforgery tokens and the access-token keys, so whoever
/// reads it unencrypted can sign in as anyone and sign access tokens.
/// </summary>
internal sealed class KeyRingOptions
{
    /// <summary>The section's name under <c>Credentials</c>.</summary>
    public const string Section = "DataProtection";

    /// <summary>
    /// The variable the certificate's password comes from when <see cref="PasswordFile"/> is not set. There is no
    /// password setting: configuration may come from the command line, and a password there is in every process list.
    /// </summary>
    public const string PasswordVariable = "CREDENTIALS_DATAPROTECTION_PASSWORD";

    /// <summary>
    /// The key-encryption certificate: a PKCS#12 (PFX) file with an RSA key. Every host sharing the state database
    /// needs the same file: each new key of the ring is encrypted to it, and each host decrypts with it.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>A file holding the certificate's password (its first line); else <see cref="PasswordVariable"/>; else none.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// The certificates used before <see cref="Certificate"/>, after a rotation: keys of the ring made before it are
    /// decrypted with them; new keys are encrypted to <see cref="Certificate"/> only.
    /// </summary>
    public List<PreviousKeyRingCertificate> Previous { get; } = [];

    /// <summary>
    /// Lets a host whose key ring is in PostgreSQL start without <see cref="Certificate"/> outside Development (default
    /// false: such a host refuses to start). The ring is then readable by anyone who reads the database or its backups.
    /// </summary>
    public bool AllowUnencrypted { get; set; }
}
