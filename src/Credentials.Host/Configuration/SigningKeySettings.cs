namespace Credentials.Host.Configuration;

/// <summary>One signing key of an institution: a key file (as the CLI's <c>--key</c>, <c>--cert</c>) or a key on a PKCS#11 token.</summary>
internal sealed class SigningKeySettings
{
    /// <summary>From when this key signs (ISO 8601 with offset, e.g. <c>2026-06-01T00:00:00Z</c>); default: always.</summary>
    public DateTimeOffset From { get; set; } = DateTimeOffset.MinValue;

    /// <summary>A key file: PKCS#8 PEM (RSA or EC P-256; encrypted or not) or PKCS#12.</summary>
    public string? Key { get; set; }

    /// <summary>The signing certificate (PEM or DER); optional with a PKCS#12 key that holds it or a token that holds it.</summary>
    public string? Certificate { get; set; }

    /// <summary>The password of an encrypted key file or PKCS#12 (better from the environment than from a file).</summary>
    public string? Password { get; set; }

    /// <summary>A key on a PKCS#11 token instead of a key file.</summary>
    public Pkcs11KeySettings? Pkcs11 { get; set; }
}
