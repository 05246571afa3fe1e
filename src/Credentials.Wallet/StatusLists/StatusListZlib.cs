using System.Buffers;
using System.IO.Compression;
using Credentials.Status;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// The compressed byte array of draft-ietf-oauth-status-list-21 §4.1 step 4: DEFLATE (RFC 1951) in the zlib format
/// (RFC 1950), through the BCL's <see cref="ZLibStream"/>. The BCL checks the Adler-32 when it reaches it but says
/// nothing of a stream that stops early or of bytes after its end, so the reader here checks both itself.
/// </summary>
internal static class StatusListZlib
{
    private const int HeaderLength = 2;
    private const int MinimumLength = HeaderLength + 1 + 4; // header, the shortest deflate block, Adler-32

    /// <summary>§4.1 step 4: "Implementations are RECOMMENDED to use the highest compression level available."</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(Math.Max(64, data.Length / 16));
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = 9 }, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Inflates exactly one zlib stream that fills <paramref name="compressed"/>, into at most <paramref name="maxLength"/> bytes.</summary>
    public static byte[] Decompress(ReadOnlyMemory<byte> compressed, int maxLength)
    {
        var input = compressed.Span;
        if (input.Length < MinimumLength)
        {
            throw Malformed($"{input.Length} bytes is too short for a zlib stream");
        }

        // RFC 1950 §2.2: CM = 8 (deflate), CINFO ≤ 7 (a window of at most 32 KiB), CMF·256 + FLG a multiple of 31,
        // and no preset dictionary (FDICT), which a status list has no way to name.
        var (cmf, flg) = (input[0], input[1]);
        if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0)
        {
            throw Malformed("its header is not a zlib deflate header (RFC 1950 §2.2)");
        }

        if ((flg & 0x20) != 0)
        {
            throw Malformed("its header asks for a preset dictionary (RFC 1950 §2.2 FDICT)");
        }

        var source = new ExactEndStream(compressed);

        // Inflated into pooled scratch that doubles as needed; only the list itself, at its exact size, is allocated.
        var output = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxLength + 1L, Math.Max(64 * 1024L, input.Length * 16L)));
        try
        {
            var length = 0;
            try
            {
                using var zlib = new ZLibStream(source, CompressionMode.Decompress);
                int read;
                while ((read = zlib.Read(output, length, Math.Min(output.Length, maxLength + 1) - length)) > 0)
                {
                    length += read;
                    if (length > maxLength)
                    {
                        // Refused as soon as the output passes the bound: a small "bomb" never costs more than the bound.
                        throw new StatusListFormatException(StatusUnknownCause.TooLarge, $"the status list inflates to more than the {maxLength} bytes allowed: refused.");
                    }

                    if (length == output.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxLength + 1L, output.Length * 2L));
                        output.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(output);
                        output = larger;
                    }
                }
            }
            catch (InvalidDataException)
            {
                // RFC 1950 §2.2: the BCL refuses corrupt deflate data and an Adler-32 that does not match the output.
                throw Malformed("its deflate data is corrupt or its Adler-32 does not match");
            }

            if (source.AskedPastEnd)
            {
                // The inflater wanted more input after the last byte: the stream (or its Adler-32) was cut short.
                throw Malformed("it ends before its deflate data and Adler-32 are complete");
            }

            if (source.Position != input.Length)
            {
                throw Malformed($"{input.Length - source.Position} bytes follow the end of the stream");
            }

            return output.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static StatusListFormatException Malformed(string what) =>
        new(StatusUnknownCause.Malformed, $"the status list is not a zlib stream (draft-ietf-oauth-status-list-21 §4.1): {what}.");

    /// <summary>
    /// The compressed bytes, handed out so that the inflater's need for the last byte shows: everything but the last
    /// byte first, then the last byte alone. A complete stream that fills the input takes the last byte and stops; one
    /// that ends earlier leaves it (trailing bytes), and one cut short asks again after it.
    /// </summary>
    private sealed class ExactEndStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int position;

        public bool AskedPastEnd { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var remaining = data.Length - position;
            if (remaining == 0)
            {
                AskedPastEnd = true;
                return 0;
            }

            var take = Math.Min(buffer.Length, remaining > 1 ? remaining - 1 : 1);
            data.Span.Slice(position, take).CopyTo(buffer);
            position += take;
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
