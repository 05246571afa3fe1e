using System.Reflection;
using PdfSharp.Fonts;

namespace Credentials.Printing.Pdf;

/// <summary>
/// The font our documents use, shipped inside this assembly (DejaVu Sans, Bitstream Vera licence: Latin,
/// Greek and Cyrillic) so a document looks the same on every machine and no system font is ever read.
/// PDFsharp embeds the subset of glyphs a document uses. One face only: a second (bold) face is a second subset
/// in every document, which cost a sixth of the time of a whole ePRC PDF and 20 KB of each file; size sets
/// headings apart instead.
/// </summary>
internal sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>How every face's PDF name begins after its subset tag (the family name, its space written #20).</summary>
    public const string FacePrefix = "DejaVu#20Sans";

    private const string Regular = "DejaVuSans";

    private static readonly Lock Gate = new();
    private static bool registered;

    private readonly Dictionary<string, byte[]> faces = new(StringComparer.Ordinal)
    {
        [Regular] = Load(Regular),
    };

    /// <summary>Makes PDFsharp resolve every font through this class; safe to call from any thread, any number of times.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!registered)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
                registered = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(Regular, mustSimulateBold: bold, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    private static byte[] Load(string face)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Credentials.Printing.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"the font {face} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
