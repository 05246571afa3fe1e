using System.Globalization;

namespace Credentials.Host.Verify;

/// <summary>The treatment date as a request gives it: YYYY-MM-DD, or nothing for today.</summary>
internal static class TreatmentDates
{
    /// <summary>False when the text is given and is not a date written YYYY-MM-DD; <paramref name="date"/> is null for "today".</summary>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
