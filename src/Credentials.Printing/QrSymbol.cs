using QRCoder;

namespace Credentials.Printing;

/// <summary>An encoded QR symbol: its version and module matrix, ready to be drawn.</summary>
public sealed class QrSymbol : IDisposable
{
    private readonly QRCodeData data;

    internal QrSymbol(QRCodeData data) => this.data = data;

    /// <summary>The QR version, 1..40 (the EC's RS256 example needs 18).</summary>
    public int Version => data.Version;

    /// <summary>Modules per side, without the quiet zone (17 + 4 × version).</summary>
    public int Size => 17 + (4 * Version);

    /// <summary>A PNG with black modules on white, <paramref name="pixelsPerModule"/> pixels each (at least 1), quiet zone included.</summary>
    public byte[] ToPng(int pixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>An SVG whose modules are vector paths, <paramref name="pixelsPerModule"/> units each (at least 1), quiet zone included.</summary>
    public string ToSvg(int pixelsPerModule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(pixelsPerModule, "#000000", "#ffffff", drawQuietZones: true);
    }

    /// <summary>The modules, quiet zone included: <c>[row, column]</c>, true for dark.</summary>
    public bool[,] Modules()
    {
        var matrix = data.ModuleMatrix;
        var modules = new bool[matrix.Count, matrix.Count];
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix.Count; column++)
            {
                modules[row, column] = matrix[row][column];
            }
        }

        return modules;
    }

    /// <summary>Releases the module matrix.</summary>
    public void Dispose() => data.Dispose();
}
