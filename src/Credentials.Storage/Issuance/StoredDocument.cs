using Credentials.WireFormat;

namespace Credentials.Storage.Issuance;

/// <summary>A document as it was issued: its QR token payload (with its <c>jti</c>), when it was recorded, and its first revocation, if any.</summary>
/// <param name="Payload">The payload as signed into the QR token.</param>
/// <param name="RecordedAt">When the issuer recorded it.</param>
/// <param name="RevokedAt">When it was first revoked, or null.</param>
public sealed record StoredDocument(QrTokenPayload Payload, DateTimeOffset RecordedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The document's id, its <c>jti</c>.</summary>
    public string Id => Payload.TokenId!;
}
