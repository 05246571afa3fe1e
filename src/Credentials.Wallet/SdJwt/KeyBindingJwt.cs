using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// The Key Binding JWT (RFC 9901 §4.3): the holder's proof, signed with the key in <c>cnf.jwk</c>, that this
/// presentation was made for this verifier (<c>aud</c>) in this transaction (<c>nonce</c>) at <c>iat</c>, over
/// exactly these Disclosures (<c>sd_hash</c>, §4.3.1).
/// </summary>
public static class KeyBindingJwt
{
    /// <summary>RFC 9901 §4.3.1: <c>sd_hash</c> = base64url(SHA-256(ASCII of <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;Dn&gt;~</c>)).</summary>
    public static string ComputeSdHash(string presentedWithoutKeyBinding)
    {
        ArgumentNullException.ThrowIfNull(presentedWithoutKeyBinding);
        return DisclosureDigest.Compute(presentedWithoutKeyBinding.AsSpan());
    }

    /// <summary>
    /// Signs a KB-JWT: header <c>{"alg": …, "typ": "kb+jwt"}</c>, payload <c>iat</c>, <c>aud</c>, <c>nonce</c>,
    /// <c>sd_hash</c> (RFC 9901 §4.3). Returns the compact JWS.
    /// </summary>
    public static string Create(ISigner holderKey, string sdHash, string audience, string nonce, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(sdHash);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var payload = new JsonObject
        {
            [SdJwtNames.IssuedAt] = issuedAt.ToUnixTimeSeconds(),
            [SdJwtNames.Audience] = audience,
            [SdJwtNames.Nonce] = nonce,
            [SdJwtNames.SdHash] = sdHash,
        };
        return JwsSigning.SignCompact(holderKey, new JsonObject { ["typ"] = SdJwtNames.KeyBindingType }, JwsSigning.ToUtf8(payload));
    }

    /// <summary>RFC 9901 §7.3 step 5: checks the KB-JWT of <paramref name="presentation"/>; throws <see cref="SdJwtException"/>.</summary>
    internal static DateTimeOffset Verify(SdJwtToken presentation, JsonElement claims, KeyBindingExpectation expected, SdJwtVerifierOptions options, DateTimeOffset now, HolderKeyCache holderKeys)
    {
        var kb = presentation.KeyBinding!;

        // RFC 9901 §7.3 step 5.1 and §4.1.2: the holder's public key comes from cnf.jwk of the (processed) payload.
        var holderKey = ReadHolderKey(claims, holderKeys);

        // RFC 9901 §7.3 step 5.2: an algorithm deemed secure, never none; it must be the holder key's own.
        var signature = kb.Signatures[0];
        if (!signature.Header.TryGetAlgorithm(options.AllowedAlgorithms, out var algorithm, out var problem))
        {
            throw new SdJwtException(SdJwtError.KeyBindingAlgorithmNotAllowed, $"the Key Binding JWT's {problem}");
        }

        if (algorithm != holderKey.Algorithm)
        {
            throw new SdJwtException(SdJwtError.KeyBindingAlgorithmNotAllowed, "the Key Binding JWT's algorithm does not fit the holder key");
        }

        // RFC 9901 §7.3 step 5.3: the signature with the holder key.
        if (!kb.Verify(signature, holderKey.Key, algorithm))
        {
            throw new SdJwtException(SdJwtError.KeyBindingSignatureInvalid, "the Key Binding JWT's signature does not verify with the holder key");
        }

        // RFC 9901 §7.3 step 5.4 and §4.3: typ is exactly kb+jwt.
        if (signature.Header.Type != SdJwtNames.KeyBindingType)
        {
            throw new SdJwtException(SdJwtError.KeyBindingTypeInvalid, "the Key Binding JWT's 'typ' is not \"kb+jwt\"");
        }

        if (!StrictJson.TryParseObject(kb.Payload.Span, options.Limits.MaxDepth, out var payload, out problem))
        {
            throw new SdJwtException(SdJwtError.KeyBindingMalformed, $"the Key Binding JWT's payload is not valid: {problem}");
        }

        // RFC 9901 §7.3 step 5.5: iat within the accepted window (max age back, clock skew forward).
        var issuedAt = ReadIssuedAt(payload);
        if (issuedAt > now + options.ClockSkew)
        {
            throw new SdJwtException(SdJwtError.KeyBindingNotFresh, "the Key Binding JWT was issued in the future");
        }

        if (issuedAt < now - options.KeyBindingMaxAge - options.ClockSkew)
        {
            throw new SdJwtException(SdJwtError.KeyBindingNotFresh, $"the Key Binding JWT is older than {options.KeyBindingMaxAge.TotalSeconds:0} s");
        }

        // RFC 9901 §7.3 step 5.6: bound to this transaction (nonce) and made for this verifier (aud).
        if (!StringClaimIs(payload, SdJwtNames.Nonce, expected.Nonce))
        {
            throw new SdJwtException(SdJwtError.KeyBindingNonceMismatch, "the Key Binding JWT's 'nonce' is not the one expected");
        }

        if (!StringClaimIs(payload, SdJwtNames.Audience, expected.Audience))
        {
            throw new SdJwtException(SdJwtError.KeyBindingAudienceMismatch, "the Key Binding JWT's 'aud' is not this verifier");
        }

        // RFC 9901 §7.3 step 5.7 and §8.1: sd_hash over exactly what was presented (for JSON, its compact equivalent).
        if (!StringClaimIs(payload, SdJwtNames.SdHash, DisclosureDigest.Compute(presentation.SdHashInputSpan)))
        {
            throw new SdJwtException(SdJwtError.SdHashMismatch, "the Key Binding JWT's 'sd_hash' does not match the presented SD-JWT");
        }

        // RFC 9901 §7.3 step 5.8: a valid JWT in other respects (RFC 7519 §4.1.4, §4.1.5) when it has exp or nbf.
        ValidityClaims.Check(payload, now, options.ClockSkew, requireExpiry: false, checkIssuedAt: false, "the Key Binding JWT");
        return issuedAt;
    }

    private static PublicJwk ReadHolderKey(JsonElement claims, HolderKeyCache holderKeys)
    {
        if (!claims.TryGetProperty(SdJwtNames.Confirmation, out var confirmation) || confirmation.ValueKind != JsonValueKind.Object
            || !confirmation.TryGetProperty(SdJwtNames.ConfirmationKey, out var jwk) || jwk.ValueKind != JsonValueKind.Object)
        {
            throw new SdJwtException(SdJwtError.HolderKeyInvalid, "the SD-JWT has no 'cnf.jwk' holder key");
        }

        // RFC 7800 §3.2 and RFC 7517: a public JWK; private members are refused.
        return holderKeys.Get(jwk);
    }

    private static DateTimeOffset ReadIssuedAt(JsonElement payload)
    {
        // RFC 7519 §2 NumericDate, in whole seconds here.
        if (!payload.TryGetProperty(SdJwtNames.IssuedAt, out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new SdJwtException(SdJwtError.KeyBindingMalformed, "the Key Binding JWT has no integer 'iat'");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>Whether the string claim <paramref name="name"/> is exactly <paramref name="expected"/> (ordinal, compared in place).</summary>
    private static bool StringClaimIs(JsonElement payload, string name, string expected) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.ValueEquals(expected)
            : throw new SdJwtException(SdJwtError.KeyBindingMalformed, $"the Key Binding JWT has no '{name}' string");
}
