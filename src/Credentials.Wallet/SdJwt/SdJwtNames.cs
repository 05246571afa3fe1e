namespace Credentials.Wallet.SdJwt;

/// <summary>The vocabulary of RFC 9901 in one place: claim names, header values, separators.</summary>
public static class SdJwtNames
{
    /// <summary>RFC 9901 §4.2.4.1: the array of digests of an object's selectively disclosable members.</summary>
    public const string Digests = "_sd";

    /// <summary>RFC 9901 §4.2.4.2: the one member of an array element that stands for a disclosable element.</summary>
    public const string ArrayElementDigest = "...";

    /// <summary>RFC 9901 §4.1.1: the top-level claim naming the hash algorithm of the digests.</summary>
    public const string HashAlgorithm = "_sd_alg";

    /// <summary>RFC 9901 §4.1.1 and the IANA Named Information Hash Algorithm registry: the one algorithm we use.</summary>
    public const string Sha256 = "sha-256";

    /// <summary>RFC 9901 §4.1.2 and RFC 7800 §3.1: the confirmation claim that carries the holder's key.</summary>
    public const string Confirmation = "cnf";

    /// <summary>RFC 7800 §3.2: the member of <c>cnf</c> holding the holder's public key as a JWK.</summary>
    public const string ConfirmationKey = "jwk";

    /// <summary>RFC 9901 §4: the separator between the issuer-signed JWT, the Disclosures and the KB-JWT.</summary>
    public const char Separator = '~';

    /// <summary>RFC 9901 §4.3: the <c>typ</c> of a Key Binding JWT.</summary>
    public const string KeyBindingType = "kb+jwt";

    /// <summary>RFC 9901 §4.3.1: the KB-JWT claim binding it to the presented SD-JWT.</summary>
    public const string SdHash = "sd_hash";

    /// <summary>RFC 9901 §4.3 and RFC 7519 §4.1.6: the KB-JWT's creation time.</summary>
    public const string IssuedAt = "iat";

    /// <summary>RFC 9901 §4.3: the KB-JWT's intended verifier.</summary>
    public const string Audience = "aud";

    /// <summary>RFC 9901 §4.3: the verifier's fresh value that the KB-JWT repeats.</summary>
    public const string Nonce = "nonce";

    /// <summary>RFC 7519 §4.1.4: expiration time.</summary>
    public const string ExpiresAt = "exp";

    /// <summary>RFC 7519 §4.1.5: not before.</summary>
    public const string NotBefore = "nbf";

    /// <summary>RFC 9901 §8.1: the JWS unprotected header member carrying the Disclosures (JSON serializations).</summary>
    public const string DisclosuresHeader = "disclosures";

    /// <summary>RFC 9901 §8.1: the JWS unprotected header member carrying the KB-JWT (JSON serializations).</summary>
    public const string KeyBindingHeader = "kb_jwt";
}
