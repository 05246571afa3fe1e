using System.Buffers;
using System.Buffers.Binary;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// zlib (RFC 1950): a two-byte header, a raw deflate stream (RFC 1951), and the Adler-32 of the data. The header
/// and checksum are written and checked here; the deflate engine is libdeflate where it is installed
/// (<see cref="LibDeflate"/>), else the BCL's (<see cref="BclZlib"/>).
/// </summary>
public static class ZlibCodec
{
    private const int HeaderLength = 2;
    private const int TrailerLength = 4;

    internal static IZlibEngine DefaultEngine { get; } = (IZlibEngine?)LibDeflate.Instance ?? BclZlib.Instance;

    /// <summary>The deflate implementation in use: "libdeflate" or "System.IO.Compression".</summary>
    public static string EngineName => DefaultEngine.Name;

    /// <summary>Compresses into a zlib stream (spec §3 names no level; the engine's choice is documented on it).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data) => Compress(data, DefaultEngine);

    internal static byte[] Compress(ReadOnlySpan<byte> data, IZlibEngine engine)
    {
        // Header, deflate and trailer are written into one pooled buffer; only the result is allocated.
        var scratch = ArrayPool<byte>.Shared.Rent(HeaderLength + engine.MaxDeflatedLength(data.Length) + TrailerLength);
        try
        {
            WriteHeader(scratch, engine.HeaderLevel);
            var bodyLength = engine.Deflate(data, scratch.AsSpan(HeaderLength, scratch.Length - HeaderLength - TrailerLength));
            BinaryPrimitives.WriteUInt32BigEndian(scratch.AsSpan(HeaderLength + bodyLength), engine.Adler32(data));
            return scratch.AsSpan(0, HeaderLength + bodyLength + TrailerLength).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Inflates a zlib stream into at most <paramref name="maxLength"/> bytes.</summary>
    public static byte[] Decompress(ReadOnlyMemory<byte> compressed, int maxLength = WireFormatLimits.MaxTokenLength) =>
        Decompress(compressed, maxLength, DefaultEngine);

    internal static byte[] Decompress(ReadOnlyMemory<byte> compressed, int maxLength, IZlibEngine engine)
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
            var length = engine.Inflate(compressed[HeaderLength..^TrailerLength], output, maxLength);
            if (length < 0)
            {
                throw new WireFormatException(FindingCode.InflatedTooLarge, $"the data inflates to more than {maxLength} bytes: refused (a token is far smaller).");
            }

            // RFC 1950 §2.2: ADLER32 of the uncompressed data, most significant byte first. A damaged or
            // truncated stream fails here whichever engine inflated it.
            var expected = BinaryPrimitives.ReadUInt32BigEndian(input[^TrailerLength..]);
            if (engine.Adler32(output.AsSpan(0, length)) != expected)
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

    /// <summary>RFC 1950 §2.2: CMF 78 (deflate, 32 KiB window), FLG with the engine's FLEVEL and the FCHECK that makes
    /// CMF·256 + FLG a multiple of 31: 78 01 at level 0 (fastest), 78 9C at level 2 (default).</summary>
    private static void WriteHeader(Span<byte> destination, int level)
    {
        const int Cmf = 0x78;
        var flg = level << 6;
        flg += (31 - (((Cmf << 8) | flg) % 31)) % 31;
        destination[0] = Cmf;
        destination[1] = (byte)(flg & 0xFF);
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

    /// <summary>RFC 1950 §8.2, in C#: the fallback engine's, and the reference the tests hold the native one to.</summary>
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
