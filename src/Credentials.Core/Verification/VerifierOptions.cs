namespace Credentials.Verification;

/// <summary>Settings of a verifier.</summary>
public sealed record VerifierOptions
{
    /// <summary>The earliest treatment date accepted (spec §5 step 1).</summary>
    public static readonly DateOnly EarliestTreatmentDate = new(1900, 1, 1);

    /// <summary>Who verifies, written into the export's metadata (spec §7, block 2).</summary>
    public string? VerifierName { get; init; }

    /// <summary>
    /// The time zone whose calendar date is "today" for the treatment date (spec §5 steps 1 and 7 compare
    /// local dates). Defaults to the <see cref="TimeProvider"/>'s local zone.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
