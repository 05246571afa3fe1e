namespace Credentials.Wallet.SdJwt;

/// <summary>How an SD-JWT is written: the compact form (RFC 9901 §4) or a JWS JSON serialization (RFC 9901 §8).</summary>
public enum SdJwtSerialization
{
    /// <summary><c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;Dn&gt;~[&lt;KB-JWT&gt;]</c>.</summary>
    Compact,

    /// <summary>JWS JSON Flattened Serialization, Disclosures and KB-JWT in the unprotected header (RFC 9901 §8.2).</summary>
    FlattenedJson,

    /// <summary>JWS JSON General Serialization, Disclosures and KB-JWT in the first signature's unprotected header (RFC 9901 §8.3).</summary>
    GeneralJson,
}
