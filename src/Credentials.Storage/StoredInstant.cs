using System.Globalization;

namespace Credentials.Storage;

/// <summary>Instants as the issuer's state database keeps them: fixed-width ISO 8601 UTC text, so they sort as text.</summary>
internal static class StoredInstant
{
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
