using System.Text.Json;

namespace Credentials.Wallet.SdJwt;

/// <summary>RFC 7519 §4.1.4 to §4.1.6 with a clock skew: <c>exp</c>, <c>nbf</c>, <c>iat</c> when present (NumericDate).</summary>
internal static class ValidityClaims
{
    /// <summary><c>exp</c>, <c>nbf</c> and, when <paramref name="checkIssuedAt"/>, <c>iat</c> of a claims object.</summary>
    public static void Check(JsonElement claims, DateTimeOffset now, TimeSpan skew, bool requireExpiry, bool checkIssuedAt, string what) =>
        Check(Read(claims, SdJwtNames.ExpiresAt, what), Read(claims, SdJwtNames.NotBefore, what), checkIssuedAt ? Read(claims, SdJwtNames.IssuedAt, what) : null, now, skew, requireExpiry, what);

    private static void Check(double? exp, double? nbf, double? iat, DateTimeOffset now, TimeSpan skew, bool requireExpiry, string what)
    {
        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        var skewSeconds = skew.TotalSeconds;
        if (exp is null && requireExpiry)
        {
            // RFC 9901 §7.1 step 6: a required validity claim that is missing means rejection.
            throw new SdJwtException(SdJwtError.ValidityClaimMalformed, $"{what} has no 'exp'");
        }

        // RFC 7519 §4.1.4: not accepted on or after exp.
        if (exp is { } expiry && nowSeconds >= expiry + skewSeconds)
        {
            throw new SdJwtException(SdJwtError.Expired, $"{what} has expired");
        }

        // RFC 7519 §4.1.5: not accepted before nbf.
        if (nbf is { } notBefore && nowSeconds < notBefore - skewSeconds)
        {
            throw new SdJwtException(SdJwtError.NotYetValid, $"{what} is not valid yet ('nbf')");
        }

        // RFC 7519 §4.1.6: an iat in the future is a clock or issuer fault; such a token is not valid yet.
        if (iat is { } issuedAt && nowSeconds < issuedAt - skewSeconds)
        {
            throw new SdJwtException(SdJwtError.NotYetValid, $"{what} was issued in the future ('iat')");
        }
    }

    private static double? Read(JsonElement claims, string name, string what) => claims.TryGetProperty(name, out var value)
        ? value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds)
            ? seconds
            : throw new SdJwtException(SdJwtError.ValidityClaimMalformed, $"{what}'s '{name}' is not a number")
        : null;
}
