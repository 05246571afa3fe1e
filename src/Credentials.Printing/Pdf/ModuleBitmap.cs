using System.Buffers.Binary;

namespace Credentials.Printing.Pdf;

/// <summary>
/// A QR symbol as a BMP of one pixel per module, 24 bits a pixel: the lossless input PDFsharp's image import
/// takes on every platform (its PNG import does not take the 1-bit PNGs QR libraries write).
/// </summary>
internal static class ModuleBitmap
{
    private const int HeaderSize = 14 + 40;

    public static byte[] Create(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var stride = ((size * 3) + 3) & ~3; // rows are padded to four bytes
        var bitmap = new byte[HeaderSize + (stride * size)];
        var span = bitmap.AsSpan();

        // BITMAPFILEHEADER and BITMAPINFOHEADER (uncompressed, bottom-up rows).
        span[0] = (byte)'B';
        span[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], bitmap.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(span[18..], size);
        BinaryPrimitives.WriteInt32LittleEndian(span[22..], size);
        BinaryPrimitives.WriteInt16LittleEndian(span[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], stride * size);

        for (var row = 0; row < size; row++)
        {
            var line = span.Slice(HeaderSize + ((size - 1 - row) * stride), size * 3);
            for (var column = 0; column < size; column++)
            {
                line.Slice(column * 3, 3).Fill(modules[row, column] ? (byte)0 : (byte)255);
            }
        }

        return bitmap;
    }
}
