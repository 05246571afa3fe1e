using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// zlib (RFC 1950): a two-byte header, a raw deflate stream (RFC 1951) and the Adler-32 of the data, through the
/// BCL's own zlib (the runtime's, so the same input gives the same bytes on every machine with the same .NET).
/// Reading is strict where the BCL's stream is lenient: the header, the Adler-32, a stream cut short, and bytes
/// after the end of the deflate stream are all refused.
/// </summary>
public static class ZlibCodec
{
    private const int HeaderLength = 2;
    private const int TrailerLength = 4;

    /// <summary>
    /// The compression level written. Spec §3 names none; the smallest output makes the smallest QR code, and on a
    /// token of a few hundred bytes the best level costs microseconds.
    /// </summary>
    private static readonly ZLibCompressionOptions Options = new() { CompressionLevel = 9 };

    /// <summary>
    /// The last byte is handed to the inflater on its own: it asks for more input only once it has used all it holds, so
    /// a stream that ends before the last byte never asks for it, and bytes left over are seen (one extra read).
    /// </summary>
    private const int ExactTail = 1;

    /// <summary>Compresses into a zlib stream: header <c>78 DA</c> (RFC 1950 §2.2, FLEVEL 3), deflate, Adler-32.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            // The BCL's stream writes nothing at all for no input; RFC 1950 needs the header, one final (empty, fixed
            // codes) deflate block (RFC 1951 §3.2.6) and the Adler-32 of nothing, which is 1.
            return [0x78, 0xDA, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        }

        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, Options, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Inflates a zlib stream into at most <paramref name="maxLength"/> bytes, failing with the code of what is wrong.</summary>
    public static byte[] Decompress(ReadOnlyMemory<byte> compressed, int maxLength = WireFormatLimits.MaxTokenLength)
    {
        var input = compressed.Span;
        if (input.Length < HeaderLength + TrailerLength)
        {
            throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibTooShort(input.Length));
        }

        CheckHeader(input[0], input[1]);

        // The output buffer comes from the pool: a verification allocates only the token itself.
        var output = ArrayPool<byte>.Shared.Rent(maxLength + 1);
        try
        {
            var body = compressed[HeaderLength..^TrailerLength];
            var length = Inflate(body, output, maxLength);

            // RFC 1950 §2.2: ADLER32 of the uncompressed data, most significant byte first. A damaged or truncated
            // stream fails here.
            var expected = BinaryPrimitives.ReadUInt32BigEndian(input[^TrailerLength..]);
            if (Adler32(output.AsSpan(0, length)) != expected)
            {
                throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibChecksum());
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
        var source = new ExactEndStream(body);
        var length = 0;
        try
        {
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            int read;
            while ((read = deflate.Read(output, length, maxLength + 1 - length)) > 0)
            {
                length += read;
                if (length > maxLength)
                {
                    throw new WireFormatException(FindingCode.InflatedTooLarge, DecodeMessages.InflatedTooLarge(maxLength));
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibCorrupt());
        }

        // RFC 1950 §2: the Adler-32 follows the deflate stream directly; anything between them is not zlib.
        if (source.Consumed != body.Length)
        {
            throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibTrailing());
        }

        return length;
    }

    /// <summary>RFC 1950 §2.2: CM = 8 (deflate), CINFO &lt;= 7, (CMF·256 + FLG) a multiple of 31, no preset dictionary.</summary>
    private static void CheckHeader(byte cmf, byte flg)
    {
        if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0)
        {
            throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibHeader());
        }

        if ((flg & 0x20) != 0)
        {
            throw new WireFormatException(FindingCode.NotZlib, DecodeMessages.ZlibDictionary());
        }
    }

    /// <summary>RFC 1950 §8.2: the Adler-32 checksum.</summary>
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

    /// <summary>
    /// The deflate body as a read-only stream that hands its last byte out on its own: the inflater stops
    /// asking for input once its stream has ended, so <see cref="Consumed"/> tells exactly whether bytes were left
    /// over (the BCL's stream does not say). A stream that ends before the tail leaves the tail unread.
    /// </summary>
    private sealed class ExactEndStream(ReadOnlyMemory<byte> data) : Stream
    {
        public int Consumed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var remaining = data.Length - Consumed;
            if (remaining == 0 || buffer.IsEmpty)
            {
                return 0;
            }

            var bulk = remaining - ExactTail;
            var take = bulk > 0 ? Math.Min(bulk, buffer.Length) : 1;
            data.Span.Slice(Consumed, take).CopyTo(buffer);
            Consumed += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
