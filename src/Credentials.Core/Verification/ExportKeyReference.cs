namespace Credentials.Verification;

/// <summary>
/// How the verified data named its signing key, as export schema 2.0 writes it (<c>key</c>): the QR token's
/// <c>kid</c> (EC ePRC spec §2, <c>EESSI:x5t#S256:…</c>), or the SHA-256 thumbprint of the <c>x5c</c> leaf an SD-JWT
/// VC carries (RFC 7515 §4.1.6, §4.1.8). Either way the registry pins the same digest.
/// </summary>
/// <param name="HeaderMember">The JOSE header member that names the key: <c>kid</c> or <c>x5c</c>.</param>
/// <param name="Value">The <c>kid</c> as written, or the leaf's <c>x5t#S256</c> (base64url SHA-256 of its DER).</param>
public sealed record ExportKeyReference(string HeaderMember, string Value)
{
    /// <summary>The <c>kid</c> of a QR token's header.</summary>
    public static ExportKeyReference KeyId(string kid) => new("kid", kid ?? throw new ArgumentNullException(nameof(kid)));

    /// <summary>The <c>x5t#S256</c> of the leaf of an <c>x5c</c> chain.</summary>
    public static ExportKeyReference ChainLeaf(string thumbprint) => new("x5c", thumbprint ?? throw new ArgumentNullException(nameof(thumbprint)));
}
