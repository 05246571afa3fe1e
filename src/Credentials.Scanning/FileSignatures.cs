using System.Buffers.Binary;

namespace Credentials.Scanning;

/// <summary>
/// Binary formats recognised from their first bytes (their "magic numbers"), before anything is parsed. Every
/// signature here holds a byte that text cannot (a zero, or a byte that is never UTF-8), or is checked with such
/// bytes, so a QR text is never taken for one of them.
/// </summary>
internal static class FileSignatures
{
    /// <summary>The format the bytes start with, or null when they start like none of those recognised.</summary>
    public static InputKind? Recognise(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return InputKind.PngImage; // ISO/IEC 15948 §5.2
        }

        if (file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return InputKind.JpegImage; // ITU-T T.81 B.1.1.3: SOI, then the first marker
        }

        if (PdfQrReader.IsPdf(file))
        {
            return InputKind.Pdf;
        }

        if (file.StartsWith("GIF87a"u8) || file.StartsWith("GIF89a"u8))
        {
            return InputKind.GifImage;
        }

        if (IsBmp(file))
        {
            return InputKind.BmpImage;
        }

        // TIFF 6.0 §2 (II*\0 little-endian, MM\0* big-endian); BigTIFF has 43 in place of 42.
        if (file.StartsWith("II*\0"u8) || file.StartsWith("MM\0*"u8) || file.StartsWith("II+\0"u8) || file.StartsWith("MM\0+"u8))
        {
            return InputKind.TiffImage;
        }

        if (file.Length >= 12 && file.StartsWith("RIFF"u8) && file[8..12].SequenceEqual("WEBP"u8))
        {
            return InputKind.WebPImage; // a RIFF container whose form type is WEBP
        }

        if (IsoMediaImage(file) is { } heif)
        {
            return heif;
        }

        // ZIP (APPNOTE 4.3): a local file header, an empty archive's end record, or a spanned archive's marker.
        if (file.StartsWith("PK\x03\x04"u8) || file.StartsWith("PK\x05\x06"u8) || file.StartsWith("PK\x07\x08"u8))
        {
            return InputKind.ZipArchive;
        }

        return null;
    }

    /// <summary>
    /// A BMP file header: <c>BM</c>, the file size, four reserved zero bytes, the pixel offset, then the size of one
    /// of the known DIB headers (BITMAPCOREHEADER 12 … BITMAPV5HEADER 124). "BM" alone could start a QR text.
    /// </summary>
    private static bool IsBmp(ReadOnlySpan<byte> file) =>
        file.Length >= 18 && file[0] == 'B' && file[1] == 'M'
        && BinaryPrimitives.ReadUInt32LittleEndian(file[6..]) == 0
        && BinaryPrimitives.ReadUInt32LittleEndian(file[14..]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;

    /// <summary>
    /// An ISO base media file (ISO/IEC 14496-12 §4.3) whose <c>ftyp</c> box names a still-image brand: HEIF
    /// (ISO/IEC 23008-12 Annex B: heic, heix, mif1 …) or AVIF (avif, avis). Video brands are left as binary data.
    /// </summary>
    private static InputKind? IsoMediaImage(ReadOnlySpan<byte> file)
    {
        if (file.Length < 16 || !file[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(file), (uint)Math.Min(file.Length, 4096));
        var brands = new List<string>();
        // The major brand at 8, the minor version at 12, then the compatible brands, four bytes each.
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4)
        {
            brands.Add(System.Text.Encoding.ASCII.GetString(file.Slice(offset, 4)));
        }

        if (brands.Exists(brand => brand is "avif" or "avis"))
        {
            return InputKind.AvifImage;
        }

        return brands.Exists(brand => brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "hevm" or "hevs" or "mif1" or "msf1")
            ? InputKind.HeicImage
            : null;
    }
}
