using StbImageSharp;

namespace Credentials.Scanning;

/// <summary>An 8-bit greyscale raster, decoded from PNG or JPEG by StbImageSharp (fully managed).</summary>
public sealed class GreyImage
{
    /// <summary>Files larger than this are refused before decoding.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>At most 100 megapixels (a 300-dpi A3 page is 17 MP): bounds the memory a crafted header can ask for.</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>An image from its pixels, one byte each (0 black, 255 white), row by row from the top left; the buffer is kept, not copied, and must hold exactly <paramref name="width"/> × <paramref name="height"/> bytes.</summary>
    public GreyImage(byte[] pixels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height != pixels.Length)
        {
            throw new ArgumentException("the pixel buffer does not match the size.", nameof(pixels));
        }

        Pixels = pixels;
        Width = width;
        Height = height;
    }

    /// <summary>The pixels, one byte each, row by row from the top left (0 black, 255 white).</summary>
    public byte[] Pixels { get; }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>Decodes a PNG or JPEG file to greyscale, bounded before decoding (<see cref="MaxFileBytes"/>, <see cref="MaxPixels"/>, a JPEG's header structure); a <see cref="QrScanException"/> says why a file cannot be read.</summary>
    public static GreyImage Decode(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.LongLength > MaxFileBytes)
        {
            throw new QrScanException(QrScanProblem.TooLarge, $"the image file is {file.LongLength} bytes, more than the {MaxFileBytes} accepted.");
        }

        if (!IsSupportedImage(file))
        {
            throw new QrScanException(QrScanProblem.UnsupportedFormat, "the file is neither a PNG nor a JPEG image.");
        }

        if (IsJpeg(file) && !JpegStructure.IsWellFormed(file))
        {
            throw new QrScanException(QrScanProblem.Damaged, "the JPEG is damaged: a header segment runs past the end of the file.");
        }

        using (var probe = new MemoryStream(file, writable: false))
        {
            var info = ImageInfo.FromStream(probe);
            if (info is not { } header || header.Width <= 0 || header.Height <= 0)
            {
                throw new QrScanException(QrScanProblem.Damaged, "the image header is damaged.");
            }

            if ((long)header.Width * header.Height > MaxPixels)
            {
                throw new QrScanException(QrScanProblem.TooLarge, $"the image is {header.Width}×{header.Height} pixels, more than the {MaxPixels / 1_000_000} megapixels accepted.");
            }
        }

        try
        {
            var image = ImageResult.FromMemory(file, ColorComponents.Grey);
            return new GreyImage(image.Data, image.Width, image.Height);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // stb reports a corrupt stream by throwing; its type varies with where the stream broke.
            throw new QrScanException(QrScanProblem.Damaged, "the image data is damaged and could not be decoded.");
        }
    }

    /// <summary>A copy reduced by an integer factor, averaging each block: large photos decode better smaller.</summary>
    public GreyImage Downscale(int factor)
    {
        var width = Width / factor;
        var height = Height / factor;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sum = 0;
                for (var dy = 0; dy < factor; dy++)
                {
                    var row = ((y * factor) + dy) * Width;
                    for (var dx = 0; dx < factor; dx++)
                    {
                        sum += Pixels[row + (x * factor) + dx];
                    }
                }

                pixels[(y * width) + x] = (byte)(sum / (factor * factor));
            }
        }

        return new GreyImage(pixels, width, height);
    }

    /// <summary>Whether the bytes start like a PNG or a JPEG file, the formats this reader decodes.</summary>
    public static bool IsSupportedImage(ReadOnlySpan<byte> file) => IsPng(file) || IsJpeg(file);

    private static bool IsPng(ReadOnlySpan<byte> file) => file.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    private static bool IsJpeg(ReadOnlySpan<byte> file) => file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
}
