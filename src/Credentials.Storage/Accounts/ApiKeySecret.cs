using System.Security.Cryptography;
using System.Text;

namespace Credentials.Storage.Accounts;

/// <summary>
/// The text of an API key, <c>crk_{id}_{secret}</c>: <c>crk_</c> so a leaked key is recognisable (secret scanners,
/// logs), the key's public id (16 lowercase hex digits, 64 random bits) to find its row, and 256 random bits from the
/// operating system's CSPRNG (<see cref="RandomNumberGenerator"/>) as base64url without padding (43 characters).
/// </summary>
internal static class ApiKeySecret
{
    /// <summary>What every key starts with.</summary>
    public const string Prefix = "crk_";

    private const int IdBytes = 8;
    private const int SecretBytes = 32;
    private const int IdLength = IdBytes * 2;
    private const int SecretLength = 43;

    /// <summary>The length of every key's text.</summary>
    public const int Length = 4 + IdLength + 1 + SecretLength;

    /// <summary>A new key id.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));

    /// <summary>A new key's whole text for <paramref name="id"/>.</summary>
    public static string NewKey(string id) => $"{Prefix}{id}_{Base64Url(RandomNumberGenerator.GetBytes(SecretBytes))}";

    /// <summary>The id of a text shaped like a key, or null for anything else (no message says which part was wrong).</summary>
    public static string? IdOf(string? key)
    {
        if (key is not { Length: Length } || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_')
        {
            return null;
        }

        var id = key.Substring(Prefix.Length, IdLength);
        return id.All(char.IsAsciiHexDigitLower) && key.AsSpan(Prefix.Length + IdLength + 1).IndexOfAnyExcept(Base64UrlAlphabet) < 0 ? id : null;
    }

    /// <summary>
    /// What the database keeps of a key: its SHA-256. A password needs a slow, salted hash because people choose
    /// guessable ones; this secret is 256 bits from a CSPRNG, so no guess list exists and a preimage search of SHA-256
    /// is out of reach: a fast hash loses nothing, and each API request pays one SHA-256, not a key-stretching
    /// function's tens of milliseconds. The hash covers the whole text, id included.
    /// </summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="stored"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string key, byte[]? stored) => stored is { Length: SHA256.HashSizeInBytes } && CryptographicOperations.FixedTimeEquals(Hash(key), stored);

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
