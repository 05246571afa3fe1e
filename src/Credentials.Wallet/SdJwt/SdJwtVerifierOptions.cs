using Credentials.WireFormat;

namespace Credentials.Wallet.SdJwt;

/// <summary>The verifier's policy: what it accepts, whether it requires Key Binding, its clock tolerance and limits.</summary>
public sealed record SdJwtVerifierOptions
{
    /// <summary>RFC 9901 leaves the tolerance to the verifier; ours never exceeds a minute.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private readonly TimeSpan clockSkew = TimeSpan.FromSeconds(30);
    private readonly TimeSpan keyBindingMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The signature algorithms accepted for the issuer-signed JWT and the KB-JWT (default ES256 only; RS256 only when added here).</summary>
    public IReadOnlySet<JwsAlgorithm> AllowedAlgorithms { get; init; } = new HashSet<JwsAlgorithm> { JwsAlgorithm.ES256 };

    /// <summary>
    /// Whether a Key Binding JWT is required (default true). RFC 9901 §7.3 step 1: this is the verifier's policy and
    /// is never inferred from whether the holder sent one; a KB-JWT that is sent is checked in full either way.
    /// </summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>The issuer-signed JWT's accepted <c>typ</c> values (RFC 9901 §9.11 explicit typing), or null to accept any.</summary>
    public IReadOnlySet<string>? AcceptedTypes { get; init; }

    /// <summary>Whether the processed claims must have <c>exp</c> (default false: the credential format decides).</summary>
    public bool RequireExpiry { get; init; }

    /// <summary>The tolerance for clocks that differ, applied to <c>exp</c>, <c>nbf</c>, <c>iat</c> (default 30 s, at most 60 s).</summary>
    public TimeSpan ClockSkew
    {
        get => clockSkew;
        init => clockSkew = value >= TimeSpan.Zero && value <= MaxClockSkew
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"the clock skew is between 0 and {MaxClockSkew.TotalSeconds:0} seconds.");
    }

    /// <summary>How old a Key Binding JWT may be (its <c>iat</c>), besides the skew (default 5 minutes).</summary>
    public TimeSpan KeyBindingMaxAge
    {
        get => keyBindingMaxAge;
        init => keyBindingMaxAge = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "the Key Binding JWT's maximum age is positive.");
    }

    /// <summary>Bounds on size, Disclosures and depth.</summary>
    public SdJwtLimits Limits { get; init; } = SdJwtLimits.Default;
}
