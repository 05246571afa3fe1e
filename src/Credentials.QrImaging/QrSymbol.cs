using QRCoder;

namespace Credentials.QrImaging;

/// <summary>An encoded QR symbol: its version and module matrix, ready to be drawn.</summary>
public sealed class QrSymbol : IDisposable
{
    private readonly QRCodeData data;

    internal QrSymbol(QRCodeData data) => this.data = data;

    /// <summary>The QR version, 1..40 (the EC's RS256 example needs 18).</summary>
    public int Version => data.Version;

    /// <summary>Modules per side, without the quiet zone (17 + 4 × version).</summary>
    public int Size => 17 + (4 * Version);

    public byte[] ToPng(int pixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    public string ToSvg(int pixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(pixelsPerModule, "#000000", "#ffffff", drawQuietZones: true);
    }

    public void Dispose() => data.Dispose();
}
