namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// Where an EHIC credential states the issuing state: the two shapes in the field (specs/ehic-sd-jwt-vc.md). The
/// choice is configuration, the same on both sides: an issuer writes one shape, a verifier reads that one.
/// </summary>
public enum EhicSchemaVariant
{
    /// <summary>The shape deployed wallets consume (the EU reference issuer's): a top-level <c>issuing_country</c>. The default.</summary>
    Deployed,

    /// <summary>The DC4EU schema's: <c>issuing_authority.country</c>, and no <c>issuing_country</c>.</summary>
    Dc4eu,
}
