namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>The labels of the keys <see cref="SoftHsmFixture"/> generates on the test token, each made for one case.</summary>
public static class TestKeys
{
    /// <summary>EC P-256, sensitive, not extractable (id 01); its certificate is stored on the token.</summary>
    public const string Es256 = "es256";

    /// <summary>RSA 2048, sensitive, not extractable (id 02); its certificate is not on the token.</summary>
    public const string Rs256 = "rs256";

    /// <summary>EC P-256 that may be wrapped out of the token (CKA_EXTRACTABLE true).</summary>
    public const string Extractable = "extractable";

    /// <summary>EC P-256 whose value may be read (CKA_SENSITIVE false).</summary>
    public const string NotSensitive = "not-sensitive";

    /// <summary>EC P-256 that may not sign (CKA_SIGN false).</summary>
    public const string VerifyOnly = "verify-only";

    /// <summary>EC on P-384, a curve ES256 does not allow.</summary>
    public const string P384 = "p384";

    /// <summary>RSA of 1024 bits, too short for RS256.</summary>
    public const string Rsa1024 = "rsa1024";

    /// <summary>Two EC P-256 keys with this label, ids 08 and 09.</summary>
    public const string Twin = "twin";

    /// <summary>EC P-256 whose public key object was removed and whose certificate is not on the token (id 0a).</summary>
    public const string NoPublicKey = "no-public-key";

    /// <summary>EC P-256 whose public key object holds the ES256 key's point instead of its own (id 0b).</summary>
    public const string Mislabelled = "mislabelled";
}
