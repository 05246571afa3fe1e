using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Tests.WireFormat;

/// <summary>zlib through the BCL, strict where the BCL's stream is lenient.</summary>
public sealed class ZlibCodecTests
{
    private static byte[] Decompress(byte[] data) => ZlibCodec.Decompress(data, WireFormatLimits.MaxTokenLength);

    [Fact]
    public void The_codec_is_safe_to_use_from_many_threads_at_once()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"token-{i}.", 40 + i)))).ToArray();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var input = inputs[i % inputs.Length];
            Assert.Equal(input, Decompress(ZlibCodec.Compress(input)));
        });
    }

    [Fact]
    public void The_same_input_compresses_to_the_same_bytes_every_time()
    {
        var first = ZlibCodec.Compress(Sample);
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(first, ZlibCodec.Compress(Sample)));
    }

    private static readonly byte[] Sample = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("eyJhbGciOiJFUzI1NiJ9.", 20)));

    [Fact]
    public void Compressed_data_round_trips_and_carries_a_zlib_header()
    {
        var compressed = ZlibCodec.Compress(Sample);
        // RFC 1950 §2.2: deflate with a 32 KiB window, FLEVEL 3 (maximum compression).
        Assert.Equal(new byte[] { 0x78, 0xDA }, compressed[..2]);
        Assert.Equal(Sample, Decompress(compressed));
        // The BCL's own zlib reader agrees: the stream is standard RFC 1950.
        using var reader = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        reader.CopyTo(copy);
        Assert.Equal(Sample, copy.ToArray());
    }

    [Fact]
    public void The_Adler32_checksum_matches_the_RFC_1950_definition()
    {
        // Wikipedia's worked example, also used by zlib's tests.
        Assert.Equal(0x11E60398u, ZlibCodec.Adler32("Wikipedia"u8));
        Assert.Equal(1u, ZlibCodec.Adler32([]));
        var large = new byte[100_000];
        Array.Fill(large, (byte)0xFF);
        Assert.Equal(ReferenceAdler32(large), ZlibCodec.Adler32(large));
    }

    [Fact]
    public void A_truncated_stream_is_refused_although_the_BCL_stream_would_accept_it()
    {
        var compressed = ZlibCodec.Compress(Sample);
        for (var cut = 1; cut < compressed.Length - 2; cut++)
        {
            var error = Assert.Throws<WireFormatException>(() => Decompress(compressed[..^cut]));
            Assert.Equal(FindingCode.NotZlib, error.Code);
        }
    }

    [Fact]
    public void Bytes_between_the_deflate_stream_and_the_checksum_are_refused()
    {
        // The deflate stream ends where it ends; junk before a correct Adler-32 would be ignored by the BCL's stream.
        var compressed = ZlibCodec.Compress(Sample);
        foreach (var junk in new[] { 1, 3, 9, 40 })
        {
            var padded = compressed[..^4].Concat(new byte[junk]).Concat(compressed[^4..]).ToArray();
            Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => Decompress(padded)).Code);
        }
    }

    [Fact]
    public void Trailing_bytes_after_the_stream_are_refused()
    {
        var compressed = ZlibCodec.Compress(Sample);
        Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => Decompress(compressed.Concat(new byte[] { 0, 0, 0, 0 }).ToArray())).Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9C })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x78, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 })]
    [InlineData(new byte[] { 0x78, 0xBB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public void Data_that_is_not_zlib_is_refused(byte[] data)
    {
        Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => Decompress(data)).Code);
    }

    [Fact]
    public void A_zlib_bomb_is_refused_quickly_after_the_limit()
    {
        // 64 MiB of zeros compress to about 64 KiB; ten megabytes of zeros fit easily in a QR-sized bound test too.
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        var bomb = output.ToArray();
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<WireFormatException>(() => Decompress(bomb));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(FindingCode.InflatedTooLarge, error.Code);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes for a refused bomb");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_bomb_inside_QR_text_is_refused_at_the_inflate_limit()
    {
        var zeros = new byte[WireFormatLimits.MaxTokenLength * 8];
        var qr = Base45Codec.Encode(ZlibCodec.Compress(zeros));
        Assert.True(qr.Length < WireFormatLimits.MaxQrTextLength);
        Assert.Equal(FindingCode.InflatedTooLarge, Assert.Throws<WireFormatException>(() => QrTextCodec.Decode(qr)).Code);
    }

    [Fact]
    public void Data_of_exactly_the_limit_inflates_and_one_byte_more_is_refused()
    {
        var atLimit = new byte[WireFormatLimits.MaxTokenLength];
        Random.Shared.NextBytes(atLimit);
        Assert.Equal(atLimit, Decompress(ZlibCodec.Compress(atLimit)));
        var over = new byte[WireFormatLimits.MaxTokenLength + 1];
        Assert.Equal(FindingCode.InflatedTooLarge, Assert.Throws<WireFormatException>(() => Decompress(ZlibCodec.Compress(over))).Code);
    }

    [Fact]
    public void Incompressible_data_of_any_size_round_trips()
    {
        foreach (var length in new[] { 0, 1, 4095, 4096, 70_000, 1_000_000 })
        {
            var data = new byte[length];
            new Random(length).NextBytes(data);
            var compressed = ZlibCodec.Compress(data);
            Assert.Equal(data, ZlibCodec.Decompress(compressed, Math.Max(length, 1)));
        }
    }

    [Fact]
    public void Every_single_byte_corruption_is_refused_or_inflates_to_the_original()
    {
        var compressed = ZlibCodec.Compress(Sample);
        for (var position = 2; position < compressed.Length; position++)
        {
            foreach (var flip in new byte[] { 0x01, 0x10, 0x80, 0xFF })
            {
                var damaged = (byte[])compressed.Clone();
                damaged[position] ^= flip;
                try
                {
                    Assert.Equal(Sample, Decompress(damaged));
                }
                catch (WireFormatException e)
                {
                    Assert.True(e.Code is FindingCode.NotZlib or FindingCode.InflatedTooLarge, e.Code.ToString());
                }
            }
        }
    }

    private static uint ReferenceAdler32(byte[] data)
    {
        ulong a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (uint)((b << 16) | a);
    }
}
