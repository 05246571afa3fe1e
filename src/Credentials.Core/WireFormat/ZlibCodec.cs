using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// zlib (RFC 1950) around the BCL's deflate. The BCL's ZLibStream ignores a truncated stream and trailing bytes,
/// so decoding checks the header and the Adler-32 trailer itself; the deflate body is inflated with a bound.
/// </summary>
public static class ZlibCodec
{
    private const int HeaderLength = 2;
    private const int TrailerLength = 4;

    /// <summary>Compresses at zlib's default level 6, the level the EC's example uses (spec §3).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Inflates a zlib stream into at most <paramref name="maxLength"/> bytes.</summary>
    public static byte[] Decompress(ReadOnlyMemory<byte> compressed, int maxLength = WireFormatLimits.MaxTokenLength)
    {
        var input = compressed.Span;
        if (input.Length < HeaderLength + TrailerLength)
        {
            throw new WireFormatException(FindingCode.NotZlib, $"the data is not zlib (RFC 1950): {input.Length} bytes is too short for a zlib stream.");
        }

        CheckHeader(input[0], input[1]);

        // The output buffer comes from the pool and the body is read in place: a verification allocates only the token.
        var output = ArrayPool<byte>.Shared.Rent(maxLength + 1);
        try
        {
            var length = Inflate(compressed[HeaderLength..^TrailerLength], output, maxLength);

            // RFC 1950 §2.2: ADLER32 of the uncompressed data, most significant byte first. A damaged or truncated
            // stream fails here, since the BCL's inflater does not report a missing end of stream.
            var expected = BinaryPrimitives.ReadUInt32BigEndian(input[^TrailerLength..]);
            if (Adler32(output.AsSpan(0, length)) != expected)
            {
                throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the checksum does not match, so the data is damaged or truncated.");
            }

            return output.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static int Inflate(ReadOnlyMemory<byte> body, byte[] output, int maxLength)
    {
        var length = 0;
        try
        {
            using var source = MemoryMarshal.TryGetArray(body, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false);
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            int read;
            while ((read = deflate.Read(output, length, maxLength + 1 - length)) > 0)
            {
                length += read;
                if (length > maxLength)
                {
                    throw new WireFormatException(FindingCode.InflatedTooLarge, $"the data inflates to more than {maxLength} bytes: refused (a token is far smaller).");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the deflate data is corrupt.");
        }

        return length;
    }

    private static void CheckHeader(byte cmf, byte flg)
    {
        // RFC 1950 §2.2: CM = 8 (deflate), CINFO <= 7, (CMF*256 + FLG) a multiple of 31, no preset dictionary.
        if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0)
        {
            throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): its header is not a deflate header.");
        }

        if ((flg & 0x20) != 0)
        {
            throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib as the ePRC uses it: it asks for a preset dictionary.");
        }
    }

    /// <summary>RFC 1950 §8.2.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        const int Block = 5552; // the most bytes before the sums can overflow 32 bits (zlib's NMAX)
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(Block, data.Length)];
            foreach (var value in chunk)
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[chunk.Length..];
        }

        return (b << 16) | a;
    }
}
