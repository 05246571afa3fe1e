using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace Credentials.Scanning;

/// <summary>
/// Decoded pixels of a PDF image XObject (PDF 32000-1 §8.9) as grey levels: DeviceGray, DeviceRGB, CalGray/CalRGB,
/// ICCBased with 1 or 3 components, and Indexed over any of them; 1, 2, 4 or 8 bits a component.
/// </summary>
internal static class PdfImagePixels
{
    public static GreyImage? ToGrey(PdfDictionary image, int width, int height)
    {
        byte[] data;
        try
        {
            data = image.Stream.UnfilteredValue;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // a stream PDFsharp cannot decode (an unknown filter, damaged data): not an image we read
        }

        var bits = image.Elements.GetInteger("/BitsPerComponent");
        if (image.Elements.GetBoolean("/ImageMask"))
        {
            bits = 1;
        }

        if (bits is not (1 or 2 or 4 or 8))
        {
            return null;
        }

        var (components, palette) = ColorSpace(image.Elements["/ColorSpace"], image.Elements.GetBoolean("/ImageMask"));
        if (components == 0)
        {
            return null;
        }

        var stride = ((width * components * bits) + 7) / 8;
        if (data.Length < stride * height)
        {
            return null;
        }

        var pixels = new byte[width * height];
        var max = (1 << bits) - 1;
        for (var y = 0; y < height; y++)
        {
            var row = data.AsSpan(y * stride, stride);
            for (var x = 0; x < width; x++)
            {
                if (palette is not null)
                {
                    var index = Sample(row, x, bits);
                    pixels[(y * width) + x] = index < palette.Length ? palette[index] : (byte)255;
                    continue;
                }

                var sum = 0;
                for (var c = 0; c < components; c++)
                {
                    sum += Sample(row, (x * components) + c, bits) * 255 / max;
                }

                pixels[(y * width) + x] = (byte)(sum / components);
            }
        }

        if (image.Elements.GetBoolean("/ImageMask"))
        {
            // A stencil mask paints where the sample is 0 (with the default /Decode [0 1]): dark on white.
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = pixels[i] == 0 ? (byte)0 : (byte)255;
            }
        }

        return new GreyImage(pixels, width, height);
    }

    private static int Sample(ReadOnlySpan<byte> row, int index, int bits)
    {
        if (bits == 8)
        {
            return row[index];
        }

        var bit = index * bits;
        return (row[bit / 8] >> (8 - bits - (bit % 8))) & ((1 << bits) - 1);
    }

    /// <summary>The number of components per sample, and for an indexed space the grey level of each palette entry.</summary>
    private static (int Components, byte[]? Palette) ColorSpace(PdfItem? space, bool imageMask)
    {
        if (imageMask)
        {
            return (1, null);
        }

        space = space is PdfReference reference ? reference.Value : space;
        if (space is PdfName name)
        {
            return name.Value switch
            {
                "/DeviceGray" or "/CalGray" => (1, null),
                "/DeviceRGB" or "/CalRGB" => (3, null),
                _ => (0, null),
            };
        }

        if (space is not PdfArray { Elements.Count: > 0 } array)
        {
            return (0, null);
        }

        switch (array.Elements.GetName(0))
        {
            case "/ICCBased":
                var profile = (array.Elements[1] as PdfReference)?.Value as PdfDictionary;
                var n = profile?.Elements.GetInteger("/N") ?? 0;
                return n is 1 or 3 ? (n, null) : (0, null);
            case "/CalGray":
                return (1, null);
            case "/CalRGB":
                return (3, null);
            case "/Indexed" when array.Elements.Count >= 4:
                var (baseComponents, _) = ColorSpace(array.Elements[1], imageMask: false);
                var lookup = array.Elements[3] is PdfReference { Value: PdfDictionary { Stream: { } stream } } ? stream.UnfilteredValue
                    : array.Elements[3] is PdfString text ? System.Text.Encoding.Latin1.GetBytes(text.Value) : null;
                if (baseComponents == 0 || lookup is null)
                {
                    return (0, null);
                }

                var entries = lookup.Length / baseComponents;
                var palette = new byte[entries];
                for (var i = 0; i < entries; i++)
                {
                    var sum = 0;
                    for (var c = 0; c < baseComponents; c++)
                    {
                        sum += lookup[(i * baseComponents) + c];
                    }

                    palette[i] = (byte)(sum / baseComponents);
                }

                return (1, palette);
            default:
                return (0, null);
        }
    }
}
