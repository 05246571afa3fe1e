namespace Credentials.WireFormat;

/// <summary>
/// Bounds on untrusted input, so that a hostile QR code costs little time and memory.
/// </summary>
public static class WireFormatLimits
{
    /// <summary>The most alphanumeric characters a QR code can hold (version 40, error correction L; ISO/IEC 18004 Table 7).</summary>
    public const int MaxQrTextLength = 4296;

    /// <summary>The most bytes <see cref="MaxQrTextLength"/> Base45 characters decode to (RFC 9285 §4: 3 characters per 2 bytes).</summary>
    public const int MaxCompressedLength = MaxQrTextLength / 3 * 2;

    /// <summary>
    /// The longest token accepted after inflating. The EC's RS256 example is 888 characters; a PRC with every
    /// field at its longest, signed with RSA-4096, stays under 3 KiB. Inflation stops as soon as this is passed,
    /// so a zlib bomb is rejected after a few kilobytes of work.
    /// </summary>
    public const int MaxTokenLength = 16 * 1024;
}
