using Credentials.Scanning;
using StbImageSharp;
using StbImageWriteSharp;

namespace Credentials.Tests.Support;

/// <summary>Image distortions for the scanner tests: scale, rotation, margins, noise, JPEG re-encoding.</summary>
internal static class ImageTools
{
    public static GreyImage DecodePng(byte[] png)
    {
        var image = ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
        return new GreyImage(image.Data, image.Width, image.Height);
    }

    public static byte[] ToPng(GreyImage image)
    {
        using var output = new MemoryStream();
        new ImageWriter().WritePng(image.Pixels, image.Width, image.Height, StbImageWriteSharp.ColorComponents.Grey, output);
        return output.ToArray();
    }

    public static byte[] ToJpeg(GreyImage image, int quality)
    {
        using var output = new MemoryStream();
        new ImageWriter().WriteJpg(image.Pixels, image.Width, image.Height, StbImageWriteSharp.ColorComponents.Grey, output, quality);
        return output.ToArray();
    }

    /// <summary>Bilinear resampling by a factor.</summary>
    public static GreyImage Scale(GreyImage image, double factor)
    {
        var width = (int)(image.Width * factor);
        var height = (int)(image.Height * factor);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = Sample(image, x / factor, y / factor);
            }
        }

        return new GreyImage(pixels, width, height);
    }

    /// <summary>Rotation about the centre by any angle, onto a white canvas large enough to hold the result.</summary>
    public static GreyImage Rotate(GreyImage image, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var width = (int)Math.Ceiling((Math.Abs(image.Width * cos) + Math.Abs(image.Height * sin)));
        var height = (int)Math.Ceiling((Math.Abs(image.Width * sin) + Math.Abs(image.Height * cos)));
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dx = x - (width / 2.0);
                var dy = y - (height / 2.0);
                var sx = (dx * cos) + (dy * sin) + (image.Width / 2.0);
                var sy = (-dx * sin) + (dy * cos) + (image.Height / 2.0);
                pixels[(y * width) + x] = Sample(image, sx, sy);
            }
        }

        return new GreyImage(pixels, width, height);
    }

    /// <summary>Places the image on a larger canvas of a mid-grey "table", as in a photo with margins.</summary>
    public static GreyImage Pad(GreyImage image, int left, int top, int right, int bottom, byte background = 150)
    {
        var width = image.Width + left + right;
        var height = image.Height + top + bottom;
        var pixels = new byte[width * height];
        Array.Fill(pixels, background);
        for (var y = 0; y < image.Height; y++)
        {
            Array.Copy(image.Pixels, y * image.Width, pixels, ((y + top) * width) + left, image.Width);
        }

        return new GreyImage(pixels, width, height);
    }

    /// <summary>Uneven light (a gradient) and Gaussian-like noise, deterministic for a seed.</summary>
    public static GreyImage Degrade(GreyImage image, int noise, double shading, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var light = 1.0 - (shading * x / image.Width);
                var jitter = (random.Next(-noise, noise + 1) + random.Next(-noise, noise + 1)) / 2;
                var value = (image.Pixels[(y * image.Width) + x] * light) + jitter;
                pixels[(y * image.Width) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return new GreyImage(pixels, image.Width, image.Height);
    }

    private static byte Sample(GreyImage image, double x, double y)
    {
        if (x < 0 || y < 0 || x > image.Width - 1 || y > image.Height - 1)
        {
            return 255;
        }

        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, image.Width - 1), Math.Min(y0 + 1, image.Height - 1));
        var (fx, fy) = (x - x0, y - y0);
        double At(int px, int py) => image.Pixels[(py * image.Width) + px];
        var top = (At(x0, y0) * (1 - fx)) + (At(x1, y0) * fx);
        var bottom = (At(x0, y1) * (1 - fx)) + (At(x1, y1) * fx);
        return (byte)Math.Round((top * (1 - fy)) + (bottom * fy));
    }
}
