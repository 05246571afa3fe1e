using Credentials.Model;
using SimpleBase;

namespace Credentials.WireFormat;

/// <summary>
/// Base45 (RFC 9285), through SimpleBase's implementation, which is strict: it rejects characters outside the
/// alphabet (lowercase included), a dangling single character (§4) and a triple above 65535 (§6).
/// </summary>
public static class Base45Codec
{
    /// <summary>Base45 text of the bytes (RFC 9285 §4), uppercase alphabet, ready for a QR code's alphanumeric mode.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base45.Default.Encode(data);

    /// <summary>Decodes QR text, bounded by <see cref="WireFormatLimits.MaxQrTextLength"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[DecodedLength(text)];
        DecodeInto(text, bytes);
        return bytes;
    }

    /// <summary>
    /// The number of bytes <paramref name="text"/> decodes to, once it is known to be Base45 of a usable size:
    /// three characters per two bytes, two for a last single byte (RFC 9285 §4). Fails as <see cref="Decode"/> does.
    /// </summary>
    internal static int DecodedLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            throw new WireFormatException(FindingCode.QrTextEmpty, DecodeMessages.QrTextEmpty());
        }

        if (text.Length > WireFormatLimits.MaxQrTextLength)
        {
            throw new WireFormatException(FindingCode.QrTextTooLong, DecodeMessages.QrTextTooLong(text.Length, WireFormatLimits.MaxQrTextLength));
        }

        // Checked here rather than left to the library: its table lookup is not made for characters above U+007F.
        var outside = text.IndexOfAnyExcept(Alphabet);
        if (outside >= 0)
        {
            throw NotBase45(DecodeMessages.Base45Alphabet(outside + 1));
        }

        if (text.Length % 3 == 1)
        {
            throw NotBase45(DecodeMessages.Base45Length(text.Length));
        }

        return (text.Length / 3 * 2) + (text.Length % 3 == 2 ? 1 : 0);
    }

    /// <summary>Decodes text that <see cref="DecodedLength"/> accepted into exactly that many bytes.</summary>
    internal static void DecodeInto(ReadOnlySpan<char> text, Span<byte> destination)
    {
        try
        {
            if (Base45.Default.TryDecode(text, destination, out var written) && written == destination.Length)
            {
                return;
            }
        }
        catch (ArgumentException)
        {
            // Same reason as a false return: the only problem left is a value out of range.
        }

        throw NotBase45(DecodeMessages.Base45Value());
    }

    /// <summary>RFC 9285 §4: the 45 characters of the QR alphanumeric set.</summary>
    private static readonly System.Buffers.SearchValues<char> Alphabet = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");

    private static WireFormatException NotBase45(Labels.MessageText reason) => new(FindingCode.NotBase45, reason);
}
