namespace Credentials.WireFormat;

/// <summary>RFC 3339 §5.6 <c>full-date</c> (JSON Schema's <c>"format": "date"</c>): <c>yyyy-mm-dd</c>, a day of the calendar.</summary>
public static class FullDate
{
    /// <summary>Parses exactly <c>yyyy-mm-dd</c>; no time, no zone, no other form.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..], out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The date as <c>yyyy-mm-dd</c>.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // int.TryParse would accept signs and white space; a full-date is ASCII digits only.
    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
