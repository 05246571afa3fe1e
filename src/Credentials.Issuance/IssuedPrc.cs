using Credentials.Model;

namespace Credentials.Issuance;

/// <summary>A signed ePRC: the payload, the compact JWS and the text for its QR code (spec §3).</summary>
public sealed record IssuedPrc(PrcPayload Payload, string Token, string QrText);
