using QRCoder;

namespace Credentials.Printing;

/// <summary>
/// Draws the QR code of an ePRC (spec §3 step 4): QR Code Model 2, error correction L, the smallest version
/// that holds the text, and the mask with the lowest penalty (QRCoder evaluates all eight, ISO/IEC 18004 §7.8.3).
/// Base45 text uses only the QR alphanumeric alphabet, so QRCoder encodes it in alphanumeric mode.
/// </summary>
public static class QrCodeWriter
{
    /// <summary>ISO/IEC 18004 §6.3.8: a quiet zone of four modules on every side.</summary>
    public const int QuietZoneModules = 4;

    /// <summary>Encodes QR text (Base45, so alphanumeric mode) as a symbol at error correction L in the smallest version that holds it; QRCoder throws when no version (up to 40) can.</summary>
    public static QrSymbol Encode(string qrText)
    {
        ArgumentNullException.ThrowIfNull(qrText);
        using var generator = new QRCodeGenerator();
        var data = generator.CreateQrCode(qrText, QRCodeGenerator.ECCLevel.L, forceUtf8: false, utf8BOM: false, QRCodeGenerator.EciMode.Default, requestedVersion: -1);
        return new QrSymbol(data);
    }

    /// <summary>A PNG with black modules on white, <paramref name="pixelsPerModule"/> pixels each, with the quiet zone.</summary>
    public static byte[] ToPng(string qrText, int pixelsPerModule = 8)
    {
        using var symbol = Encode(qrText);
        return symbol.ToPng(pixelsPerModule);
    }

    /// <summary>An SVG whose modules are vector paths, sharp at any size.</summary>
    public static string ToSvg(string qrText, int pixelsPerModule = 8)
    {
        using var symbol = Encode(qrText);
        return symbol.ToSvg(pixelsPerModule);
    }
}
