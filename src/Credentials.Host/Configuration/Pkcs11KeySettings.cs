namespace Credentials.Host.Configuration;

/// <summary>A signing key on a PKCS#11 token (the CLI's <c>--pkcs11-module</c>, <c>--token-label</c>, <c>--key-label</c>, <c>--key-id</c>).</summary>
internal sealed class Pkcs11KeySettings
{
    /// <summary>The variable the PIN comes from when <see cref="Pin"/> is not set, as for the CLI.</summary>
    public const string PinVariable = "CREDENTIALS_PKCS11_PIN";

    /// <summary>The PKCS#11 library (e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>).</summary>
    public string? Module { get; set; }

    /// <summary>The token's label.</summary>
    public string? TokenLabel { get; set; }

    /// <summary>The key's label (CKA_LABEL).</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The key's id (CKA_ID, hex), when several keys share the label.</summary>
    public string? KeyId { get; set; }

    /// <summary>The token's PIN (give it through the environment); default <see cref="PinVariable"/>.</summary>
    public string? Pin { get; set; }
}
