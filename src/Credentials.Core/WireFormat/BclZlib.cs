using System.IO.Compression;
using System.Runtime.InteropServices;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// Deflate through the BCL's streams: available everywhere, but a new native stream per call, and it does not
/// report a stream that ends early (the Adler-32 check in <see cref="ZlibCodec"/> catches that).
/// </summary>
internal sealed class BclZlib : IZlibEngine
{
    public static BclZlib Instance { get; } = new();

    public string Name => "System.IO.Compression";

    public int HeaderLevel => 2; // level 6, zlib's default

    // Stored blocks at worst: 5 bytes per 65,535 plus the empty-input block.
    public int MaxDeflatedLength(int dataLength) => dataLength + (5 * ((dataLength / 65535) + 1)) + 2;

    public int Deflate(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.IsEmpty)
        {
            // The BCL writes no block at all for empty input; RFC 1951 needs one final block. This is the
            // empty final block with fixed codes that zlib writes (BFINAL 1, BTYPE 01, end-of-block).
            destination[0] = 0x03;
            destination[1] = 0x00;
            return 2;
        }

        using var output = new MemoryStream(data.Length);
        using (var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = 6 }, leaveOpen: true))
        {
            deflate.Write(data);
        }

        output.GetBuffer().AsSpan(0, (int)output.Length).CopyTo(destination);
        return (int)output.Length;
    }

    public uint Adler32(ReadOnlySpan<byte> data) => ZlibCodec.Adler32(data);

    public int Inflate(ReadOnlyMemory<byte> body, byte[] output, int maxLength)
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
                    return -1;
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the deflate data is corrupt.");
        }

        return length;
    }
}
