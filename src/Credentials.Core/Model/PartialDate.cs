using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Credentials.Model;

/// <summary>
/// A date of birth as S2 field 5 allows it: <c>yyyy-mm-dd</c> where <c>00</c> stands for an unknown month or day
/// (EC ePRC spec §2, `prc.dob`). For comparisons an unknown part counts as <c>01</c> (spec §2, business rules).
/// </summary>
public readonly record struct PartialDate
{
    private PartialDate(int year, int month, int day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The year of birth, 0001..9999 (never unknown: the schema's pattern requires it).</summary>
    public int Year { get; }

    /// <summary>1..12, or 0 when unknown.</summary>
    public int Month { get; }

    /// <summary>1..31, or 0 when unknown.</summary>
    public int Day { get; }

    /// <summary>The date used in the business rules: an unknown month or day counts as 01.</summary>
    public DateOnly ComparableDate => new(Year, Math.Max(Month, 1), Math.Max(Day, 1));

    /// <summary>Reads <c>yyyy-mm-dd</c> with <c>00</c> allowed for the month or day (the schema's pattern), refusing a known day the calendar lacks (2011-02-30); the error never quotes the value.</summary>
    public static bool TryParse(string? value, out PartialDate date, [NotNullWhen(false)] out Labels.MessageText? error)
    {
        date = default;
        // The schema's pattern: ^[0-9]{4}-(0[0-9]|1[0-2]|00)-(0[0-9]|[1-2][0-9]|3[0-1]|00)$
        if (value is not { Length: 10 } || value[4] != '-' || value[7] != '-'
            || !TryDigits(value.AsSpan(0, 4), out var year) || !TryDigits(value.AsSpan(5, 2), out var month)
            || !TryDigits(value.AsSpan(8, 2), out var day) || month > 12 || day > 31 || year == 0)
        {
            error = ValueMessages.DateOfBirthFormat();
            return false;
        }

        // A known day in a known month must exist in the calendar (no 2011-02-30).
        if (month > 0 && day > DateTime.DaysInMonth(year, month))
        {
            error = ValueMessages.DateOfBirthNotInCalendar();
            return false;
        }

        date = new PartialDate(year, month, day);
        error = null;
        return true;
    }

    /// <summary>As <see cref="TryParse"/>, throwing a <see cref="FormatException"/> with the reason.</summary>
    public static PartialDate Parse(string value) =>
        TryParse(value, out var date, out var error) ? date : throw new FormatException(error.ToString());

    /// <summary>A date of birth known to the day.</summary>
    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    private static bool TryDigits(ReadOnlySpan<char> span, out int value)
    {
        value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The date as the token writes it, <c>yyyy-mm-dd</c> with <c>00</c> for an unknown part. Personal data: never for logs or messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");
}
