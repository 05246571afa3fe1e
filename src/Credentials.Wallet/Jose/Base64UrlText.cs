using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Credentials.Wallet.Jose;

/// <summary>
/// Strict base64url (RFC 4648 §5) as JOSE uses it: no padding, no white space, no other alphabet (RFC 7515 §2),
/// and the canonical encoding only, so one byte string has one text (the BCL refuses non-zero trailing bits).
/// </summary>
internal static class Base64UrlText
{
    /// <summary>Decodes <paramref name="text"/>, or returns false when it is not strict, canonical base64url.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;

        // RFC 7515 §2: base64url without '=' padding and without line breaks or other white space; a length of
        // 4n+1 characters cannot be the encoding of any byte string.
        if (text.Length % 4 == 1 || text.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!TryDecodeInto(text, buffer, out var written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is strict, canonical base64url of exactly <paramref name="byteCount"/> bytes.</summary>
    public static bool IsEncodingOf(ReadOnlySpan<char> text, int byteCount)
    {
        if (text.Length != Base64Url.GetEncodedLength(byteCount) || text.ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[Base64Url.GetMaxDecodedLength(text.Length)];
        return TryDecodeInto(text, buffer, out var written) && written == byteCount;
    }

    private static bool TryDecodeInto(ReadOnlySpan<char> text, Span<byte> buffer, out int written)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(text, buffer, out written);
        }
        catch (FormatException)
        {
            // The BCL throws, rather than returning false, for non-zero trailing bits (a non-canonical encoding).
            written = 0;
            return false;
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static string EncodeUtf8(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
