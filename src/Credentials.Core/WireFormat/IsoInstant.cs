using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Credentials.WireFormat;

/// <summary>Instants as our formats write them: ISO 8601 / RFC 3339 in UTC to the second, e.g. <c>2026-11-28T12:00:00Z</c>.</summary>
public static class IsoInstant
{
    /// <summary>The instant in UTC to the second, <c>yyyy-MM-ddTHH:mm:ssZ</c> (sub-seconds dropped, so signed lists are stable).</summary>
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO 8601 instant; one without an offset is taken as UTC.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
