namespace Credentials.Wallet.SdJwt;

/// <summary>Why an SD-JWT was refused: a closed set, one code per rule (RFC 9901 §7 and our limits).</summary>
public enum SdJwtError
{
    /// <summary>Not an SD-JWT at all: empty, or a bare JWT without any '~' (RFC 9901 §4).</summary>
    NotAnSdJwt,

    /// <summary>The text ends neither with '~' nor with a Key Binding JWT (RFC 9901 §4).</summary>
    NotTerminated,

    /// <summary>Longer, deeper or with more Disclosures than the limits allow.</summary>
    LimitExceeded,

    /// <summary>The issuer-signed JWT is not a well-formed JWS (RFC 7515) with a JSON object payload.</summary>
    IssuerJwtMalformed,

    /// <summary>The issuer-signed JWT's <c>alg</c> is not on the allow-list (RFC 9901 §7.1 step 2.1; never <c>none</c>).</summary>
    AlgorithmNotAllowed,

    /// <summary>The issuer-signed JWT's <c>typ</c> is not one the verifier accepts (RFC 9901 §9.11).</summary>
    TypeNotAccepted,

    /// <summary>The issuer key resolver found no trusted key for this header (RFC 9901 §7.1 step 2.3).</summary>
    IssuerKeyRefused,

    /// <summary>The issuer's key does not fit the header's algorithm (RFC 7518 §3.3, §3.4).</summary>
    IssuerKeyUnsuitable,

    /// <summary>The issuer's signature does not verify (RFC 9901 §7.1 step 2.2).</summary>
    IssuerSignatureInvalid,

    /// <summary><c>_sd_alg</c> names a hash algorithm we do not use (RFC 9901 §7.1 step 2.4).</summary>
    UnsupportedHashAlgorithm,

    /// <summary>A Disclosure is not base64url of a UTF-8 JSON array <c>[salt, name, value]</c> or <c>[salt, value]</c> with string salt and name (RFC 9901 §4.2).</summary>
    DisclosureMalformed,

    /// <summary>Two Disclosures have the same salt (RFC 9901 §4.2.1: a new salt for every claim).</summary>
    SaltReused,

    /// <summary>An <c>_sd</c> member is not an array of strings (RFC 9901 §4.2.4.1, §7.1 step 3.2.1).</summary>
    DigestsNotArrayOfStrings,

    /// <summary>A digest is not base64url of a SHA-256 value (43 characters, RFC 9901 §4.2.3).</summary>
    DigestMalformed,

    /// <summary>An array element with <c>...</c> has other members or a non-string digest (RFC 9901 §4.2.4.2).</summary>
    ArrayElementDigestMalformed,

    /// <summary><c>_sd</c> or <c>...</c> is used other than to carry digests (RFC 9901 §4.1).</summary>
    ReservedNameMisused,

    /// <summary>A digest occurs more than once in the payload and Disclosures (RFC 9901 §7.1 step 4).</summary>
    DigestReferencedTwice,

    /// <summary>A Disclosure is not referenced by any digest (RFC 9901 §7.1 step 5).</summary>
    DisclosureNotReferenced,

    /// <summary>A Disclosure's kind does not fit where its digest is: 3 elements in <c>_sd</c>, 2 in an array (RFC 9901 §7.1 steps 3.3.2.1, 3.3.3.1).</summary>
    DisclosureKindMismatch,

    /// <summary>A Disclosure names <c>_sd</c> or <c>...</c> (RFC 9901 §7.1 step 3.3.2.2).</summary>
    DisclosedNameReserved,

    /// <summary>A Disclosure's claim name is already present in its object (RFC 9901 §7.1 step 3.3.2.3).</summary>
    ClaimAlreadyPresent,

    /// <summary>A validity claim (<c>exp</c>, <c>nbf</c>, <c>iat</c>) is missing where required or not a number (RFC 9901 §7.1 step 6).</summary>
    ValidityClaimMalformed,

    /// <summary>The SD-JWT has expired (<c>exp</c>, RFC 7519 §4.1.4).</summary>
    Expired,

    /// <summary>The SD-JWT is not valid yet (<c>nbf</c>, or <c>iat</c> in the future; RFC 7519 §4.1.5, §4.1.6).</summary>
    NotYetValid,

    /// <summary>The verifier requires Key Binding and none was presented (RFC 9901 §7.3 step 2).</summary>
    KeyBindingMissing,

    /// <summary>A Key Binding JWT was presented but the verifier gave no audience and nonce to check it against.</summary>
    KeyBindingUnexpected,

    /// <summary>The Key Binding JWT is not a well-formed JWS with the claims <c>iat</c>, <c>aud</c>, <c>nonce</c>, <c>sd_hash</c> (RFC 9901 §4.3).</summary>
    KeyBindingMalformed,

    /// <summary>The SD-JWT carries no usable holder key in <c>cnf.jwk</c> (RFC 9901 §4.1.2, §7.3 step 5.1).</summary>
    HolderKeyInvalid,

    /// <summary>The KB-JWT's <c>alg</c> is not allowed or does not fit the holder key (RFC 9901 §7.3 step 5.2).</summary>
    KeyBindingAlgorithmNotAllowed,

    /// <summary>The KB-JWT's signature does not verify with the holder key (RFC 9901 §7.3 step 5.3).</summary>
    KeyBindingSignatureInvalid,

    /// <summary>The KB-JWT's <c>typ</c> is not <c>kb+jwt</c> (RFC 9901 §7.3 step 5.4).</summary>
    KeyBindingTypeInvalid,

    /// <summary>The KB-JWT's <c>iat</c> is outside the accepted window (RFC 9901 §7.3 step 5.5).</summary>
    KeyBindingNotFresh,

    /// <summary>The KB-JWT's <c>aud</c> is not this verifier (RFC 9901 §7.3 step 5.6).</summary>
    KeyBindingAudienceMismatch,

    /// <summary>The KB-JWT's <c>nonce</c> is not this transaction's (RFC 9901 §7.3 step 5.6).</summary>
    KeyBindingNonceMismatch,

    /// <summary>The KB-JWT's <c>sd_hash</c> is not the digest of the presented SD-JWT (RFC 9901 §7.3 step 5.7).</summary>
    SdHashMismatch,
}
