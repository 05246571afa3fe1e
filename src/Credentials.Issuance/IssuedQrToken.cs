using Credentials.WireFormat;

namespace Credentials.Issuance;

/// <summary>A signed document: its payload, the compact JWS and the text for its QR code (EC ePRC spec §3).</summary>
public sealed record IssuedQrToken(QrTokenPayload Payload, string Token, string QrText)
{
    /// <summary>The document signed.</summary>
    public Documents.HealthInsuranceDocument Document => Payload.Document;
}
