using Credentials.Status;

namespace Credentials.Storage.Issuance;

/// <summary>A wallet credential minted from a stored document, as the issuer records it (no personal data: the holder only by key thumbprint).</summary>
/// <param name="CredentialId">The credential's <c>jti</c>.</param>
/// <param name="DocumentId">The document's <c>jti</c>.</param>
/// <param name="Vct">The credential type.</param>
/// <param name="DocumentNumber">Its <c>document_number</c>, the same for every credential of the document.</param>
/// <param name="StatusConfiguration">The status list configuration its entry was allocated under, or null.</param>
/// <param name="Status">Its status list entry, or null.</param>
/// <param name="HolderKeyThumbprint">The RFC 7638 thumbprint of its <c>cnf.jwk</c>.</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
public sealed record MintedCredential(
    string CredentialId,
    string DocumentId,
    string Vct,
    string DocumentNumber,
    string? StatusConfiguration,
    StatusListEntry? Status,
    string HolderKeyThumbprint,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
