namespace Credentials.WireFormat;

/// <summary>
/// Raw deflate (RFC 1951) in both directions. <see cref="ZlibCodec"/> adds the zlib header and Adler-32
/// (RFC 1950) around it and checks them itself, so every engine gives the same errors for the same input.
/// </summary>
internal interface IZlibEngine
{
    string Name { get; }

    /// <summary>RFC 1950 §2.2 FLEVEL of what <see cref="Deflate"/> writes: 0 fastest, 1 fast, 2 default, 3 maximum.</summary>
    int HeaderLevel { get; }

    /// <summary>The most bytes <see cref="Deflate"/> may write for this much input.</summary>
    int MaxDeflatedLength(int dataLength);

    /// <summary>Raw deflate (RFC 1951) of the data into the destination; returns the bytes written.</summary>
    int Deflate(ReadOnlySpan<byte> data, Span<byte> destination);

    /// <summary>
    /// Inflates a raw deflate stream into <paramref name="output"/> (at least <paramref name="maxLength"/> + 1 bytes),
    /// returning the length, or -1 when the data inflates to more than <paramref name="maxLength"/> bytes.
    /// Throws <see cref="WireFormatException"/> on corrupt data.
    /// </summary>
    int Inflate(ReadOnlyMemory<byte> body, byte[] output, int maxLength);

    /// <summary>RFC 1950 §8.2 Adler-32 of <paramref name="data"/>.</summary>
    uint Adler32(ReadOnlySpan<byte> data);
}
