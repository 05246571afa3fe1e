using Credentials.Status;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// What a wallet credential says besides its document: the registered claims (RFC 7519 §4.1, draft-ietf-oauth-sd-jwt-vc
/// §3.2.2.2) and the status reference (draft-ietf-oauth-status-list §6.1). No <c>sub</c>: it would put a username or
/// the national number in every presentation. The holder key (<c>cnf.jwk</c>) is added by the SD-JWT issuer.
/// </summary>
public sealed record WalletCredentialEnvelope
{
    /// <summary><c>iss</c>: the credential issuer's identifier (a URI).</summary>
    public required string Issuer { get; init; }

    /// <summary><c>iat</c>: when the credential is signed, in whole seconds.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>nbf</c>: from when the credential may be used (usually <see cref="IssuedAt"/>).</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary><c>exp</c>: until when the credential may be used (its technical validity).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary><c>jti</c>: this credential's own id; each credential minted from a document has its own.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The document's id (its QR token's <c>jti</c>): the ISI+ credential's <c>document_number</c>, as the card has no number of its own.</summary>
    public required string DocumentId { get; init; }

    /// <summary><c>status.status_list{idx, uri}</c>, or null for a credential without a status list (then it lives at most 24 hours).</summary>
    public StatusListEntry? Status { get; init; }
}
