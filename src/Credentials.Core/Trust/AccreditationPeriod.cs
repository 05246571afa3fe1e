namespace Credentials.Trust;

/// <summary>
/// A period in which an institution is accredited to issue a kind of portable document (EC resolver,
/// `accreditationPeriods[]`). The end is open when <see cref="ValidUntil"/> is null. Both ends are inclusive dates.
/// </summary>
public sealed record AccreditationPeriod(string PortableDocument, DateOnly ValidFrom, DateOnly? ValidUntil)
{
    /// <summary>The portable document the ePRC verification asks about (spec §5 step 5).</summary>
    public const string Ehic = "EHIC";

    /// <summary>Whether the accreditation holds on that day, both ends included (spec §5 step 5 compares dates).</summary>
    public bool Contains(DateOnly date) => date >= ValidFrom && (ValidUntil is null || date <= ValidUntil);

    /// <summary>The period as <c>EHIC 2024-01-01..open</c>, for messages.</summary>
    public override string ToString() => $"{PortableDocument} {ValidFrom:O}..{(ValidUntil is { } end ? end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open")}";
}
