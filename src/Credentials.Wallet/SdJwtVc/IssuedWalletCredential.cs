using Credentials.Status;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>A wallet credential as issued: the SD-JWT (compact, every Disclosure, no Key Binding) and what the issuer records of it.</summary>
/// <param name="Type">The credential type.</param>
/// <param name="SdJwt">The issued SD-JWT VC, <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;Dn&gt;~</c>.</param>
/// <param name="CredentialId">Its <c>jti</c>.</param>
/// <param name="DocumentNumber">Its <c>document_number</c>, the same for every credential minted from one document.</param>
/// <param name="HolderKeyThumbprint">The RFC 7638 thumbprint of its <c>cnf.jwk</c>.</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
/// <param name="Status">Its status list entry, or null.</param>
public sealed record IssuedWalletCredential(
    WalletCredentialType Type,
    string SdJwt,
    string CredentialId,
    string DocumentNumber,
    string HolderKeyThumbprint,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    StatusListEntry? Status);
