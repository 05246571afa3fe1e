using Credentials.Model;
using SimpleBase;

namespace Credentials.WireFormat;

/// <summary>
/// Base45 (RFC 9285), through SimpleBase's implementation, which is strict: it rejects characters outside the
/// alphabet (lowercase included), a dangling single character (§4) and a triple above 65535 (§6).
/// </summary>
public static class Base45Codec
{
    public static string Encode(ReadOnlySpan<byte> data) => Base45.Default.Encode(data);

    /// <summary>Decodes QR text, bounded by <see cref="WireFormatLimits.MaxQrTextLength"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            throw new WireFormatException(FindingCode.QrTextEmpty, "the QR text is empty.");
        }

        if (text.Length > WireFormatLimits.MaxQrTextLength)
        {
            throw new WireFormatException(FindingCode.QrTextTooLong, $"the QR text is {text.Length} characters long; a QR code holds at most {WireFormatLimits.MaxQrTextLength}.");
        }

        var buffer = new byte[Base45.Default.GetSafeByteCountForDecoding(text)];
        try
        {
            if (!Base45.Default.TryDecode(text, buffer, out var written))
            {
                throw new WireFormatException(FindingCode.NotBase45, "the QR text is not Base45 (RFC 9285).");
            }

            return written == buffer.Length ? buffer : buffer[..written];
        }
        catch (ArgumentException e)
        {
            throw new WireFormatException(FindingCode.NotBase45, $"the QR text is not Base45 (RFC 9285): {Describe(text, e)}");
        }
    }

    private static string Describe(ReadOnlySpan<char> text, ArgumentException e)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAlphabet(text[i]))
            {
                return $"character {i + 1} is outside the Base45 alphabet (0-9, A-Z, space and $%*+-./:).";
            }
        }

        return text.Length % 3 == 1
            ? $"its length ({text.Length}) leaves a single character at the end (§4)."
            : e.Message.Contains("corrupt", StringComparison.OrdinalIgnoreCase)
                ? "a group of three characters encodes a value above 65535 (§6)."
                : "it could not be decoded.";
    }

    private static bool IsAlphabet(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c is ' ' or '$' or '%' or '*' or '+' or '-' or '.' or '/' or ':';
}
