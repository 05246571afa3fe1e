namespace Credentials.Verification;

/// <summary>Settings of a verifier.</summary>
public sealed record VerifierOptions
{
    /// <summary>The earliest treatment date accepted (spec §5 step 1).</summary>
    public static readonly DateOnly EarliestTreatmentDate = new(1900, 1, 1);

    /// <summary>EC ePRC spec §5, "Offline": trust data older than this is reported as a WARNING.</summary>
    public static readonly TimeSpan TrustDataCacheLimit = TimeSpan.FromHours(24);

    /// <summary>
    /// Trust data older than this cannot resolve a key: step 4 is N/A and the document is not approved.
    /// Default: 7 days, for verifiers that work offline for days.
    /// </summary>
    public TimeSpan MaxTrustDataAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether a document whose status could not be learnt (list unreachable, stale, badly signed …) is rejected.
    /// Off by default, as the EC specification has it (spec §5 step 6: the step is N/A and the report says why);
    /// an unknown status is never read as revoked nor as valid either way.
    /// </summary>
    public bool RequireKnownStatus { get; init; }

    /// <summary>Who verifies, written into the export's metadata (spec §7, block 2).</summary>
    public string? VerifierName { get; init; }

    /// <summary>
    /// The time zone whose calendar date is "today" for the treatment date (spec §5 steps 1 and 7 compare
    /// local dates). Defaults to the <see cref="TimeProvider"/>'s local zone.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
