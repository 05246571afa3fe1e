using System.Buffers.Binary;
using System.IO.Compression;
using Credentials.Status;
using Credentials.Wallet.StatusLists;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>The list itself: bit packing (§4.1), compression, and strict, bounded decoding.</summary>
public sealed class StatusListTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Every_entry_keeps_its_own_value_through_compression(int bits)
    {
        var list = new StatusList(bits, 4096);
        var random = new Random(bits);
        var expected = new byte[list.Count];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = (byte)random.Next(0, 1 << bits);
            list.Set(i, expected[i]);
        }

        var decoded = StatusList.FromLst(bits, list.ToLst());
        Assert.Equal(4096, decoded.Count);
        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(i => decoded.Get(i)).ToArray());
    }

    [Fact]
    public void Setting_an_entry_leaves_its_neighbours_in_the_same_byte_alone()
    {
        var list = new StatusList(2, 8);
        list.Set(1, 3);
        list.Set(2, 1);
        list.Set(1, 2);
        Assert.Equal([0, 2, 1, 0], Enumerable.Range(0, 4).Select(i => list.Get(i)).ToArray());

        // §4.1: LSB first, so entries 0..3 are bits 0-1, 2-3, 4-5, 6-7 of byte 0: 0b00_01_10_00.
        Assert.Equal(0x18, list.Bytes[0]);
    }

    [Fact]
    public void Values_and_sizes_outside_the_rules_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusList(3, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusList(2, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusList(1, 0));
        var list = new StatusList(1, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Set(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(-1));
    }

    [Fact]
    public void Our_stream_is_zlib_at_the_highest_level()
    {
        var compressed = new StatusList(2, 1 << 17).Compress();

        // RFC 1950 §2.2: CMF 0x78 (deflate, 32 KiB window); FLEVEL 3 (maximum compression) gives FLG 0xDA.
        Assert.Equal(0x78, compressed[0]);
        Assert.Equal(0xDA, compressed[1]);
    }

    [Fact]
    public void Bytes_after_the_end_of_the_stream_are_refused()
    {
        var good = Sample();
        AssertMalformed([.. good, 0x00], "follow the end");

        // Even when what follows repeats the Adler-32, so that the last four bytes are a correct checksum.
        AssertMalformed([.. good, .. good[^4..]], "follow the end");
    }

    [Fact]
    public void A_stream_cut_short_is_refused_even_by_one_byte()
    {
        var good = Sample();
        AssertMalformed(good[..^1], "ends before");
        AssertMalformed(good[..^4], "ends before");
        AssertMalformed(good[..^10], "ends before");
    }

    [Fact]
    public void A_wrong_checksum_is_refused()
    {
        var bad = Sample();
        bad[^1] ^= 0x01;
        AssertMalformed(bad, "Adler-32");
    }

    [Fact]
    public void A_header_that_is_not_zlib_deflate_is_refused()
    {
        var raw = Sample();
        AssertMalformed([0x1F, 0x8B, .. raw[2..]], "header");

        var wrongCheck = Sample();
        wrongCheck[1] ^= 0x01;
        AssertMalformed(wrongCheck, "header");

        // FDICT set with a valid FCHECK: 0x78 0xBB (RFC 1950 §2.2).
        AssertMalformed([0x78, 0xBB, .. raw[2..]], "dictionary");
        AssertMalformed([0x78], "too short");
    }

    [Fact]
    public void A_small_stream_that_inflates_past_the_bound_is_refused_early()
    {
        // A "bomb": 64 MiB of zeros compress to about 64 KiB.
        var bomb = new MemoryStream();
        using (var zlib = new ZLibStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        var error = Assert.Throws<StatusListFormatException>(() => StatusList.Decompress(1, bomb.ToArray(), maxDecompressedBytes: 1024 * 1024));
        Assert.Equal(StatusUnknownCause.TooLarge, error.Cause);
        Assert.Contains("1048576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_exactly_at_the_bound_is_accepted()
    {
        var list = new StatusList(8, 4096);
        Assert.Equal(4096, StatusList.Decompress(8, list.Compress(), maxDecompressedBytes: 4096).Count);
        Assert.Equal(StatusUnknownCause.TooLarge, Assert.Throws<StatusListFormatException>(() => StatusList.Decompress(8, list.Compress(), maxDecompressedBytes: 4095)).Cause);
    }

    [Theory]
    [InlineData("eNrbuRgAAhcBXQ==")]
    [InlineData("eNrbuRgAAhcBXQ+")]
    [InlineData("eNrbuRgAAhc BXQ")]
    public void An_lst_that_is_not_strict_base64url_is_refused(string lst)
    {
        var error = Assert.Throws<StatusListFormatException>(() => StatusList.FromLst(1, lst));
        Assert.Equal(StatusUnknownCause.Malformed, error.Cause);
        Assert.Contains("base64url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bits_other_than_1_2_4_8_are_refused_on_read()
    {
        var error = Assert.Throws<StatusListFormatException>(() => StatusList.FromLst(3, "eNrbuRgAAhcBXQ"));
        Assert.Equal(StatusUnknownCause.Malformed, error.Cause);
    }

    [Fact]
    public void An_empty_list_is_refused()
    {
        Assert.Equal(StatusUnknownCause.Malformed, Assert.Throws<StatusListFormatException>(() => StatusList.Decompress(1, Zlib([]))).Cause);
    }

    private static byte[] Sample()
    {
        var list = new StatusList(2, 1024);
        for (var i = 0; i < 1024; i += 7)
        {
            list.Set(i, (byte)(i % 3));
        }

        var compressed = list.Compress();

        // The sample's checksum really is the Adler-32 of the data in the last four bytes (RFC 1950 §2.2).
        Assert.NotEqual(0u, BinaryPrimitives.ReadUInt32BigEndian(compressed.AsSpan(compressed.Length - 4)));
        return compressed;
    }

    private static byte[] Zlib(byte[] data)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void AssertMalformed(byte[] compressed, string expected)
    {
        var error = Assert.Throws<StatusListFormatException>(() => StatusList.Decompress(2, compressed));
        Assert.Equal(StatusUnknownCause.Malformed, error.Cause);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }
}
