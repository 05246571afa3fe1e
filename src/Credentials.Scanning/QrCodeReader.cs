using ZXing;
using ZXing.Common;

namespace Credentials.Scanning;

/// <summary>
/// Reads the QR codes in a PNG or JPEG image (ZXing.Net). Tolerant of scale, rotation and margins: it tries
/// the image as it is, then reduced copies, with both of ZXing's binarizers, and stops at the first success.
/// </summary>
public static class QrCodeReader
{
    private static readonly DecodingOptions Options = new()
    {
        TryHarder = true,
        PossibleFormats = [BarcodeFormat.QR_CODE],
    };

    // HybridBinarizer copes with uneven light; the global histogram one with low-contrast, small codes.
    private static readonly Func<LuminanceSource, Binarizer>[] Binarizers = [s => new HybridBinarizer(s), s => new GlobalHistogramBinarizer(s)];

    /// <summary>Every QR text found in an image file; throws <see cref="QrScanException"/> when there is none.</summary>
    public static IReadOnlyList<string> ReadAll(byte[] imageFile) => ReadAll(GreyImage.Decode(imageFile));

    /// <summary>Every QR text found in a decoded image, trying it as it is and reduced, with both binarizers; throws <see cref="QrScanException"/> (<see cref="QrScanProblem.NoQrCodeFound"/>) when there is none.</summary>
    public static IReadOnlyList<string> ReadAll(GreyImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var candidate in Candidates(image))
        {
            var texts = Decode(candidate);
            if (texts.Count > 0)
            {
                return texts;
            }
        }

        throw new QrScanException(QrScanProblem.NoQrCodeFound, $"no QR code was found in the {image.Width}×{image.Height} image.");
    }

    /// <summary>The single QR text of an image; with several codes, the first found.</summary>
    public static string Read(byte[] imageFile) => ReadAll(imageFile)[0];

    private static IEnumerable<GreyImage> Candidates(GreyImage image)
    {
        yield return image;
        foreach (var factor in new[] { 2, 3, 4 })
        {
            if (image.Width / factor >= 200 && image.Height / factor >= 200)
            {
                yield return image.Downscale(factor);
            }
        }
    }

    private static List<string> Decode(GreyImage image)
    {
        var source = new RGBLuminanceSource(image.Pixels, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        foreach (var binarizer in Binarizers)
        {
            var reader = new BarcodeReaderGeneric(null, binarizer, null) { Options = Options, AutoRotate = false };
            var results = reader.DecodeMultiple(source);
            if (results is { Length: > 0 })
            {
                return results.Select(r => r.Text).Distinct(StringComparer.Ordinal).ToList();
            }
        }

        return [];
    }
}
