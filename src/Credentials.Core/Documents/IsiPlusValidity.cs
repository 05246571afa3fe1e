using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// How long an ISI+ card is valid (Belgium): until 31 December of the tenth year after its issue, or for a child
/// under 12 until 31 December of the year the child turns 12. No card is valid longer than the ten years.
/// </summary>
public static class IsiPlusValidity
{
    /// <summary>A card is valid until 31 December of the tenth year after its issue, at most.</summary>
    public const int Years = 10;

    /// <summary>A child under this age at issue gets a card valid until 31 December of the year it turns this age (when that is sooner than the ten years).</summary>
    public const int ChildUntilAge = 12;

    /// <summary>The last day of validity of a card issued on <paramref name="issued"/> to someone born on <paramref name="dateOfBirth"/> (an unknown day or month counts as the first).</summary>
    public static DateOnly Until(DateOnly issued, PartialDate dateOfBirth)
    {
        var longest = Longest(issued);
        var birth = new DateOnly(dateOfBirth.Year, Math.Max(1, dateOfBirth.Month), Math.Max(1, dateOfBirth.Day));
        var isChild = birth.AddYears(ChildUntilAge) > issued;
        var childEnd = new DateOnly(dateOfBirth.Year + ChildUntilAge, 12, 31);
        return isChild && childEnd < longest ? childEnd : longest;
    }

    /// <summary>The latest a card issued on that day may be valid: 31 December of the tenth year after.</summary>
    public static DateOnly Longest(DateOnly issued) => new(issued.Year + Years, 12, 31);
}
