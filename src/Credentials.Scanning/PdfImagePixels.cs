using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Graphics.Colors;
using UglyToad.PdfPig.Images;
using UglyToad.PdfPig.Tokens;

namespace Credentials.Scanning;

/// <summary>
/// The pixels of a PDF image (PDF 32000-1 §8.9) as grey levels. PdfPig undoes the stream filters and turns the
/// samples into colours (any bit depth, the Decode array, Indexed, ICCBased, Separation and DeviceN through their
/// alternate space, stencil masks as black on white); an embedded JPEG (DCTDecode, which PdfPig leaves encoded) is
/// decoded by <see cref="GreyImage.Decode"/>, with its structure check and pixel bound.
/// </summary>
internal static class PdfImagePixels
{
    /// <summary>The image as grey levels, or null for an image we do not decode (too large, an unknown filter or colour space, damaged data).</summary>
    public static GreyImage? ToGrey(IPdfImage image)
    {
        var width = image.WidthInSamples;
        var height = image.HeightInSamples;
        if (width <= 0 || height <= 0 || (long)width * height > PdfQrReader.MaxImagePixels)
        {
            return null;
        }

        try
        {
            if (IsJpeg(image))
            {
                return GreyImage.Decode(image.RawMemory.ToArray());
            }

            if (image.ColorSpaceDetails is not { } space || space.BaseType == ColorSpace.Pattern || !image.TryGetBytesAsMemory(out var decoded))
            {
                return null;
            }

            var colours = ColorSpaceDetailsByteConverter.Convert(space, decoded.Span, image.BitsPerComponent, width, height, image.Decode);
            var grey = Grey(colours, space.BaseNumberOfColorComponents, width, height);
            return grey is null ? null : new GreyImage(OverWhite(grey, image), width, height);
        }
        catch (QrScanException)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // PdfPig throws many types for data it cannot decode: not an image we read
        }
    }

    /// <summary>A JPEG stream: DCTDecode (abbreviated DCT in an inline image) as the only filter.</summary>
    private static bool IsJpeg(IPdfImage image)
    {
        var filter = image.ImageDictionary.TryGet(NameToken.Filter, out var value) || image.ImageDictionary.TryGet(NameToken.F, out value) ? value : null;
        var name = filter switch
        {
            NameToken single => single.Data,
            ArrayToken { Length: 1 } array when array.Data[0] is NameToken only => only.Data,
            _ => null,
        };
        return name is "DCTDecode" or "DCT";
    }

    /// <summary>One grey byte a pixel from one, three (RGB) or four (CMYK) colour bytes a pixel.</summary>
    private static byte[]? Grey(ReadOnlySpan<byte> colours, int components, int width, int height)
    {
        var count = width * height;
        if (components is not (1 or 3 or 4) || colours.Length < count * components)
        {
            return null;
        }

        var grey = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var pixel = colours.Slice(i * components, components);
            grey[i] = components switch
            {
                1 => pixel[0],
                3 => (byte)((pixel[0] + pixel[1] + pixel[2]) / 3),
                // CMYK to grey: the light each ink leaves, times what black leaves.
                _ => (byte)((255 - ((pixel[0] + pixel[1] + pixel[2]) / 3)) * (255 - pixel[3]) / 255),
            };
        }

        return grey;
    }

    /// <summary>
    /// Where the image has a soft mask or stencil mask of its own size, its transparent pixels are white paper: a
    /// QR drawn as dark modules on a transparent background would otherwise read as dark on dark.
    /// </summary>
    private static byte[] OverWhite(byte[] grey, IPdfImage image)
    {
        if (image.MaskImage is not { ColorSpaceDetails: { } maskSpace } mask || mask.WidthInSamples != image.WidthInSamples || mask.HeightInSamples != image.HeightInSamples
            || !mask.TryGetBytesAsMemory(out var maskBytes))
        {
            return grey;
        }

        var alpha = ColorSpaceDetailsByteConverter.Convert(maskSpace, maskBytes.Span, mask.BitsPerComponent, mask.WidthInSamples, mask.HeightInSamples, mask.Decode);
        if (alpha.Length < grey.Length)
        {
            return grey;
        }

        // PDF 32000-1 §11.6.5.3: a soft mask's sample (after its Decode array) is the opacity; a stencil mask
        // (§8.9.6.3) paints where its sample is 0, which PdfPig's stencil palette gives as black, so there the
        // opacity is the inverse.
        var inverse = mask.IsImageMask;
        for (var i = 0; i < grey.Length; i++)
        {
            var opacity = inverse ? 255 - alpha[i] : alpha[i];
            grey[i] = (byte)(((grey[i] * opacity) + (255 * (255 - opacity))) / 255);
        }

        return grey;
    }
}
