using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Tests.WireFormat;

/// <summary>Every behaviour holds for both deflate engines: libdeflate and the BCL fallback.</summary>
public sealed class ZlibCodecTests
{
    public static TheoryData<string> Engines => new() { "libdeflate", "bcl" };

    private static IZlibEngine Engine(string name) => name == "bcl" ? BclZlib.Instance : LibDeflate.Instance ?? throw new InvalidOperationException("libdeflate is not installed (Debian/Ubuntu: apt-get install libdeflate0)");

    private static string Other(string engine) => engine == "bcl" ? "libdeflate" : "bcl";

    private static byte[] Decompress(byte[] data, string engine) => ZlibCodec.Decompress(data, WireFormatLimits.MaxTokenLength, Engine(engine));

    [Fact]
    public void Libdeflate_is_used_on_Linux_where_the_build_installs_it()
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.NotNull(LibDeflate.Instance);
            Assert.Equal("libdeflate", ZlibCodec.EngineName);
        }
    }

    [Fact]
    public void The_native_Adler32_agrees_with_the_reference()
    {
        var data = new byte[20_000];
        new Random(3).NextBytes(data);
        foreach (var length in new[] { 0, 1, 15, 16, 5552, 5553, 20_000 })
        {
            Assert.Equal(ReferenceAdler32(data[..length]), Engine("libdeflate").Adler32(data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Each_engine_reads_what_the_other_writes()
    {
        foreach (var (writer, reader) in new[] { ("libdeflate", "bcl"), ("bcl", "libdeflate") })
        {
            Assert.Equal(Sample, Decompress(ZlibCodec.Compress(Sample, Engine(writer)), reader));
        }
    }

    [Fact]
    public void Both_engines_are_safe_to_use_from_many_threads_at_once()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat($"token-{i}.", 40 + i)))).ToArray();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var input = inputs[i % inputs.Length];
            var engine = i % 2 == 0 ? "libdeflate" : "bcl";
            Assert.Equal(input, Decompress(ZlibCodec.Compress(input, Engine(engine)), Other(engine)));
        });
    }
    private static readonly byte[] Sample = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("eyJhbGciOiJFUzI1NiJ9.", 20)));

    [Theory]
    [MemberData(nameof(Engines))]
    public void Compressed_data_round_trips_and_carries_a_zlib_header(string engine)
    {
        var compressed = ZlibCodec.Compress(Sample, Engine(engine));
        // RFC 1950 §2.2: deflate with a 32 KiB window, FLEVEL as the engine compresses (fastest, default).
        Assert.Equal(engine == "bcl" ? [0x78, 0x9C] : new byte[] { 0x78, 0x01 }, compressed[..2]);
        Assert.Equal(Sample, Decompress(compressed, engine));
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

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_truncated_stream_is_refused_although_the_BCL_stream_would_accept_it(string engine)
    {
        var compressed = ZlibCodec.Compress(Sample);
        for (var cut = 1; cut < compressed.Length - 2; cut++)
        {
            var error = Assert.Throws<WireFormatException>(() => Decompress(compressed[..^cut], engine));
            Assert.Equal(FindingCode.NotZlib, error.Code);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Trailing_bytes_after_the_stream_are_refused(string engine)
    {
        var compressed = ZlibCodec.Compress(Sample);
        Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => Decompress(compressed.Concat(new byte[] { 0, 0, 0, 0 }).ToArray(), engine)).Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x9C })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x78, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05 })]
    [InlineData(new byte[] { 0x78, 0xBB, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public void Data_that_is_not_zlib_is_refused(byte[] data)
    {
        foreach (var engine in new[] { "libdeflate", "bcl" })
        {
            Assert.Equal(FindingCode.NotZlib, Assert.Throws<WireFormatException>(() => Decompress(data, engine)).Code);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_zlib_bomb_is_refused_quickly_after_the_limit(string engine)
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
        var error = Assert.Throws<WireFormatException>(() => Decompress(bomb, engine));
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

    [Theory]
    [MemberData(nameof(Engines))]
    public void Data_of_exactly_the_limit_inflates_and_one_byte_more_is_refused(string engine)
    {
        var atLimit = new byte[WireFormatLimits.MaxTokenLength];
        Random.Shared.NextBytes(atLimit);
        Assert.Equal(atLimit, Decompress(ZlibCodec.Compress(atLimit), engine));
        var over = new byte[WireFormatLimits.MaxTokenLength + 1];
        Assert.Equal(FindingCode.InflatedTooLarge, Assert.Throws<WireFormatException>(() => Decompress(ZlibCodec.Compress(over), engine)).Code);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Incompressible_data_of_any_size_round_trips(string engine)
    {
        foreach (var length in new[] { 0, 1, 4095, 4096, 70_000, 1_000_000 })
        {
            var data = new byte[length];
            new Random(length).NextBytes(data);
            var compressed = ZlibCodec.Compress(data, Engine(engine));
            Assert.Equal(data, ZlibCodec.Decompress(compressed, Math.Max(length, 1), Engine(Other(engine))));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_single_byte_corruption_is_refused_or_inflates_to_the_original(string engine)
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
                    Assert.Equal(Sample, Decompress(damaged, engine));
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
