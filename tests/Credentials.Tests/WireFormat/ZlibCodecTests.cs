using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Tests.WireFormat;

public sealed class ZlibCodecTests
{
    private static readonly byte[] Sample = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("eyJhbGciOiJFUzI1NiJ9.", 20)));

    [Fact]
    public void Compressed_data_round_trips_and_carries_a_zlib_header()
    {
        var compressed = ZlibCodec.Compress(Sample);
        Assert.Equal(0x78, compressed[0]);
        Assert.Equal(Sample, ZlibCodec.Decompress(compressed));
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
    public void A_truncated_stream_is_refused_although_the_BCL_would_accept_it()
    {
        var compressed = ZlibCodec.Compress(Sample);
        var error = Assert.Throws<WireFormatException>(() => ZlibCodec.Decompress(compressed.AsMemory(0, compressed.Length - 3)));
        Assert.Equal(FindingCode.NotZlib, error.Code);
    }

    [Fact]
    public void Trailing_bytes_after_the_stream_are_refused()
    {
        var compressed = ZlibCodec.Compress(Sample);
        Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => ZlibCodec.Decompress(compressed.Concat(new byte[] { 0, 0, 0, 0 }).ToArray())).Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9C })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x78, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 })]
    [InlineData(new byte[] { 0x78, 0xBB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public void Data_that_is_not_zlib_is_refused(byte[] data) =>
        Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => ZlibCodec.Decompress(data)).Code);

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
        var error = Assert.Throws<WireFormatException>(() => ZlibCodec.Decompress(bomb));
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
