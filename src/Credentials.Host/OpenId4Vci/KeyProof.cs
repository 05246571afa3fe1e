using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Credentials.Wallet.Jose;
using Credentials.WireFormat;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// A key proof of type <c>jwt</c> (OpenID4VCI 1.0 Appendix F.1), checked: header <c>typ</c>
/// <c>openid4vci-proof+jwt</c>, <c>alg</c> on the allow-list, the holder key as a public <c>jwk</c> in the protected
/// header (our one binding method), the signature by that key; payload <c>aud</c> = the credential issuer identifier,
/// <c>iat</c> fresh, a <c>nonce</c>. The key becomes the credential's <c>cnf.jwk</c>.
/// </summary>
internal static class KeyProof
{
    /// <summary>A proof is a short JWT: far below this.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>draft-ietf-oauth-sd-jwt-vc and our verifier cap clock skew at 60 seconds: an <c>iat</c> at most this far ahead.</summary>
    private static readonly TimeSpan FutureSkew = TimeSpan.FromSeconds(60);

    private static readonly HashSet<JwsAlgorithm> Allowed = [JwsAlgorithm.ES256];

    public static bool TryCheck(string proof, string issuer, DateTimeOffset now, TimeSpan maxAge, [NotNullWhen(true)] out PublicJwk? key, [NotNullWhen(true)] out string? nonce, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        nonce = null;
        if (!Jws.TryParseCompact(proof, new JwsLimits { MaxLength = MaxLength, MaxDepth = 8 }, out var jws, out problem))
        {
            return false;
        }

        var header = jws.Header;
        // Appendix F.1: typ MUST be openid4vci-proof+jwt, so a proof can never be another JWT replayed.
        if (header.Type != CredentialConfigurations.ProofType)
        {
            problem = $"the proof's typ is not \"{CredentialConfigurations.ProofType}\"";
            return false;
        }

        if (!header.TryGetAlgorithm(Allowed, out var algorithm, out problem))
        {
            return false;
        }

        // Appendix F.1: exactly one of kid, jwk, x5c; we bind credentials to a JWK (cryptographic_binding_methods_supported).
        if (header.Contains("kid") || header.Contains("x5c") || header.Contains("trust_chain"))
        {
            problem = "the proof names its key by kid, x5c or trust_chain; this issuer binds credentials to a jwk in the proof's header";
            return false;
        }

        if (!header.TryGetValue("jwk", out var jwk) || !header.IsProtected("jwk"))
        {
            problem = "the proof has no jwk in its protected header";
            return false;
        }

        if (!PublicJwk.TryParse(jwk, out key, out problem))
        {
            return false;
        }

        if (key.Algorithm != algorithm || !jws.Verify(jws.Signatures[0], key.Key, algorithm))
        {
            return Fail(ref key, out problem, "the proof's signature does not verify with its jwk");
        }

        JsonElement payload;
        try
        {
            // RFC 8725 §3.2 spirit: one reading of the claims only; a duplicate member is refused, not last-wins.
            using var parsed = JsonDocument.Parse(jws.Payload, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            payload = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Fail(ref key, out problem, "the proof's payload is not JSON without duplicate members");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Fail(ref key, out problem, "the proof's payload is not a JSON object");
        }

        // Appendix F.1: aud is the credential issuer identifier.
        if (!payload.TryGetProperty("aud", out var aud) || !Audience(aud, issuer))
        {
            return Fail(ref key, out problem, "the proof's aud is not this credential issuer");
        }

        if (!payload.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var issuedAt))
        {
            return Fail(ref key, out problem, "the proof has no numeric iat");
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(issuedAt, 0, 253402300799));
        if (issued > now + FutureSkew || issued < now - maxAge)
        {
            return Fail(ref key, out problem, "the proof's iat is not recent");
        }

        if (!payload.TryGetProperty("nonce", out var nonceMember) || nonceMember.ValueKind != JsonValueKind.String || nonceMember.GetString() is not { Length: > 0 and <= 256 } given)
        {
            return Fail(ref key, out problem, "the proof has no nonce from the nonce endpoint");
        }

        nonce = given;
        return true;
    }

    private static bool Audience(JsonElement aud, string issuer) => aud.ValueKind switch
    {
        JsonValueKind.String => aud.GetString() == issuer,
        _ => false,
    };

    private static bool Fail(ref PublicJwk? key, out string problem, string reason)
    {
        key?.Dispose();
        key = null;
        problem = reason;
        return false;
    }
}
