using Credentials.Signing;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// Signs Status List Tokens (draft-ietf-oauth-status-list-21 §5) in both forms, through the issuer's
/// <see cref="ICertificateSigner"/>: the JWT (§5.1) and the CWT (§5.2), each carrying the signer's certificate chain
/// (leaf first, no root) so a verifier can find it in its trust registry. <see cref="SignedStatusListToken"/> reads them.
/// </summary>
public static class StatusListTokenFormat
{
    /// <summary>§8.1: the media type of the JWT form, asked for in <c>Accept</c> and served as <c>Content-Type</c>.</summary>
    public const string JwtMediaType = "application/statuslist+jwt";

    /// <summary>§8.1: the media type of the CWT form; also its protected <c>typ</c> (label 16, §5.2).</summary>
    public const string CwtMediaType = "application/statuslist+cwt";

    /// <summary>§5.1: the JWT header's <c>typ</c>.</summary>
    public const string JwtType = "statuslist+jwt";

    /// <summary>
    /// The token as a JWT (JWS compact serialization): header <c>alg</c>, <c>typ</c> <c>statuslist+jwt</c>, <c>x5c</c>
    /// and, when given, <c>kid</c>; claims <c>sub</c>, <c>iat</c>, <c>exp</c>, <c>nbf</c>, <c>ttl</c> as present, and
    /// <c>status_list</c> <c>{bits, lst}</c>.
    /// </summary>
    public static string SignJwt(StatusListToken token, ICertificateSigner signer, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signer);
        return StatusListJwt.Sign(token, signer, keyId);
    }

    /// <summary>
    /// The token as a CWT: a COSE_Sign1_Tagged message whose protected header holds <c>alg</c>, <c>typ</c> (16)
    /// <c>application/statuslist+cwt</c> and <c>x5chain</c> (33), with <c>kid</c> (4) unprotected when given; claims
    /// 2 (sub), 6 (iat), 4 (exp), 5 (nbf), 65534 (ttl) as present, and 65533 <c>{bits, lst}</c> with <c>lst</c> a byte string.
    /// </summary>
    public static byte[] SignCwt(StatusListToken token, ICertificateSigner signer, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signer);
        return StatusListCwt.Sign(token, signer, keyId);
    }

    /// <summary>A ttl as whole seconds for the wire, rounded up so a cache never holds longer than asked.</summary>
    internal static long WholeSeconds(TimeSpan ttl) => Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds));

    /// <summary>
    /// A ttl from the wire. Anything beyond about 31 years is held at that: no cache of ours keeps a list for hours,
    /// let alone that long, and <see cref="TimeSpan"/> must not overflow.
    /// </summary>
    internal static TimeSpan FromTtlSeconds(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, 1e9));

    /// <summary>RFC 7519 §2 NumericDate to an instant, when it lies within what <see cref="DateTimeOffset"/> holds.</summary>
    internal static bool TryFromNumericDate(double seconds, out DateTimeOffset instant)
    {
        instant = default;
        if (!double.IsFinite(seconds) || seconds < -62135596800d || seconds > 253402300799d)
        {
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000));
        return true;
    }
}
