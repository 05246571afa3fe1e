using System.Text.Json;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Finds the issuer's public key for an issuer-signed JWT (RFC 9901 §7.1 step 2.3: the key must belong to the
/// issuer), e.g. from its <c>x5c</c> chain through the trust registry, or refuses. Called once per signature.
/// </summary>
public interface IIssuerKeyResolver
{
    /// <summary>
    /// The key for the signature with <paramref name="header"/>. <paramref name="issuer"/> is the payload's <c>iss</c>
    /// (not yet verified: use it only to choose, never to trust), or null.
    /// </summary>
    IssuerKeyResolution Resolve(JoseHeader header, string? issuer);

    /// <summary>
    /// The key for the signature with <paramref name="header"/>, given the issuer-signed JWT's payload as read (not yet
    /// verified: use it only to choose, never to trust), e.g. to look the key up for the institution the payload
    /// names; an object, or undefined when the payload is not one. By default, the payload's <c>iss</c> decides.
    /// </summary>
    IssuerKeyResolution Resolve(JoseHeader header, JsonElement payload) =>
        Resolve(header, payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null);
}
