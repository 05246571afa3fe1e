using System.Buffers;
using System.Text;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// The text a QR code carries (spec §3): <c>Base45(zlib(ASCII(compact JWS)))</c>, and back.
/// </summary>
public static class QrTextCodec
{
    /// <summary>The QR text of a compact JWS (ASCII): zlib (the runtime's, so the text depends on the token and the .NET version, not on what the machine has installed), then Base45 (spec §3).</summary>
    public static string Encode(string compactJws) => EncodeAscii(Encoding.ASCII.GetBytes(compactJws));

    /// <summary>As <see cref="Encode"/>, from the token's ASCII bytes.</summary>
    public static string EncodeAscii(ReadOnlySpan<byte> compactJws) => Base45Codec.Encode(ZlibCodec.Compress(compactJws));

    /// <summary>Decodes QR text to the compact JWS it carries, failing with the code of the stage that broke.</summary>
    public static string Decode(ReadOnlySpan<char> qrText) => Encoding.ASCII.GetString(DecodeToAscii(qrText));

    /// <summary>As <see cref="Decode"/>, but the token's ASCII bytes: what the signature covers, with no conversion.</summary>
    public static byte[] DecodeToAscii(ReadOnlySpan<char> qrText)
    {
        // The compressed bytes live only until they are inflated: a pooled buffer, not a new array per scan.
        var length = Base45Codec.DecodedLength(qrText);
        var compressed = ArrayPool<byte>.Shared.Rent(length);
        byte[] token;
        try
        {
            Base45Codec.DecodeInto(qrText, compressed.AsSpan(0, length));
            token = ZlibCodec.Decompress(compressed.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }

        // RFC 7515 §7.1: the compact serialization is ASCII (base64url and dots).
        if (!Ascii.IsValid(token))
        {
            throw new WireFormatException(FindingCode.NotJws, DecodeMessages.JwsNonAsciiBytes());
        }

        return token;
    }
}
