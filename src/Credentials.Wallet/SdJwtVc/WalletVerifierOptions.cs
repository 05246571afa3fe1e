using Credentials.Wallet.SdJwt;
using Credentials.WireFormat;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>The policy of a <see cref="WalletCredentialVerifier"/>.</summary>
public sealed record WalletVerifierOptions
{
    /// <summary>draft-ietf-oauth-sd-jwt-vc before -06 wrote <c>vc+sd-jwt</c>; accepted only when <see cref="AcceptLegacyMediaType"/> says so.</summary>
    public const string LegacyMediaType = "vc+sd-jwt";

    private readonly TimeSpan clockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Whether the older header <c>typ</c> <c>vc+sd-jwt</c> is accepted beside <c>dc+sd-jwt</c> (default false).</summary>
    public bool AcceptLegacyMediaType { get; init; }

    /// <summary>Whether a Key Binding JWT is required (default true): policy, never inferred from what the holder sent (RFC 9901 §7.3 step 1).</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>Whether a status that cannot be learnt rejects (default false: the status step is N/A and says why; never read as revoked nor valid).</summary>
    public bool RequireKnownStatus { get; init; }

    /// <summary>The issuer's signature algorithms accepted (default ES256 and RS256, as for the QR documents; never <c>none</c>).</summary>
    public IReadOnlySet<JwsAlgorithm> AllowedAlgorithms { get; init; } = new HashSet<JwsAlgorithm> { JwsAlgorithm.ES256, JwsAlgorithm.RS256 };

    /// <summary>The tolerance for clocks that differ (default 30 s; at most <see cref="SdJwtVerifierOptions.MaxClockSkew"/>, 60 s).</summary>
    public TimeSpan ClockSkew
    {
        get => clockSkew;
        init => clockSkew = value >= TimeSpan.Zero && value <= SdJwtVerifierOptions.MaxClockSkew
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ClockSkew), value, $"the clock skew is between 0 and {SdJwtVerifierOptions.MaxClockSkew.TotalSeconds:0} seconds.");
    }

    /// <summary>How old a Key Binding JWT may be (default 5 minutes).</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Trust data older than this resolves no key (default 7 days), as for the QR documents.</summary>
    public TimeSpan MaxTrustDataAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Where EHIC credentials state the issuing state (default: as deployed wallets have it).</summary>
    public EhicSchemaVariant EhicVariant { get; init; } = EhicSchemaVariant.Deployed;

    /// <summary>The time zone whose calendar date is "today" (default: the clock's local zone).</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Bounds on the presentation's size, Disclosures and depth.</summary>
    public SdJwtLimits Limits { get; init; } = SdJwtLimits.Default;
}
