using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Credentials.Printing.Pdf;

/// <summary>
/// What every document of ours shares: embedded fonts, reproducible bytes (same input and clock, same file),
/// and the QR drawn as a lossless image of one pixel per module without interpolation, so it prints sharp at any
/// size and a reader of the file itself (Credentials.Scanning's PdfQrReader) finds it.
/// </summary>
internal static partial class DocumentCanvas
{
    /// <summary>Points per millimetre (PDF user space is 1/72 inch).</summary>
    public const double Mm = 72 / 25.4;

    public static readonly XFont Title;
    public static readonly XFont Heading;
    public static readonly XFont Label;
    public static readonly XFont Value;
    public static readonly XFont Small;

#pragma warning disable CA1810 // the fonts can be made only once the resolver is registered
    static DocumentCanvas()
#pragma warning restore CA1810
    {
        EmbeddedFonts.Register();
        Title = Font(15);
        Heading = Font(11);
        Label = Font(7.5);
        Value = Font(11);
        Small = Font(7);
    }

    /// <summary>
    /// The embedded face at a size, as a Unicode (CID) font, so Greek, Cyrillic and every accented name print and
    /// stay searchable.
    /// </summary>
    public static XFont Font(double size) => new(EmbeddedFonts.Family, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>A new document whose metadata depends only on its title and the given instant.</summary>
    public static PdfDocument NewDocument(string title, DateTimeOffset createdAt)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "Credentials";
        document.Info.CreationDate = createdAt.UtcDateTime;
        document.Info.ModificationDate = createdAt.UtcDateTime;
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed; // a fifth larger, a tenth faster: batches of millions
        return document;
    }

    /// <summary>
    /// Saves the document. The file identifier (PDF 32000-1 §14.4) is derived from the title and creation instant
    /// rather than a random GUID, so the same input gives the same bytes.
    /// </summary>
    public static byte[] Save(PdfDocument document, string identity)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        // PDFsharp takes the identifier as the string of its 16 bytes, one character per byte.
        document.Internals.FirstDocumentID = new string(Array.ConvertAll(digest[..16], b => (char)b));
        document.Internals.SecondDocumentID = new string(Array.ConvertAll(digest[16..], b => (char)b));
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        var file = output.ToArray();
        MakeReproducible(file, digest);
        return file;
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with a random six-letter tag (<c>/ABCDEF+DejaVuSans</c>, PDF 32000-1
    /// §9.6.4) drawn from a new GUID. The tags are replaced in place by ones derived from the document's identity:
    /// same length, so every cross-reference offset stays right, and the same input gives the same bytes.
    /// </summary>
    private static void MakeReproducible(byte[] file, byte[] identity)
    {
        var text = Encoding.Latin1.GetString(file);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match match in SubsetTag().Matches(text))
        {
            var tag = match.Groups[1].Value;
            if (!tags.TryGetValue(tag, out var replacement))
            {
                var seed = SHA256.HashData([.. identity, (byte)tags.Count]);
                tags[tag] = replacement = new string(Array.ConvertAll(seed[..6], b => (char)('A' + (b % 26))));
            }

            Encoding.ASCII.GetBytes(replacement, file.AsSpan(match.Groups[1].Index, 6));
        }

        // Its XMP metadata (uncompressed) names the document and instance by new GUIDs too.
        var count = 0;
        foreach (System.Text.RegularExpressions.Match match in XmpUuid().Matches(text))
        {
            var seed = SHA256.HashData([.. identity, 0xFF, (byte)count++]);
            Encoding.ASCII.GetBytes(new Guid(seed.AsSpan(0, 16)).ToString("D"), file.AsSpan(match.Groups[1].Index, 36));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    [System.Text.RegularExpressions.GeneratedRegex(@"/([A-Z]{6})\+" + EmbeddedFonts.FacePrefix)]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    /// <summary>Text wrapped into a rectangle, top-left aligned.</summary>
    public static void Wrapped(XGraphics graphics, string text, XFont font, XRect area)
    {
        var formatter = new XTextFormatter(graphics);
        formatter.DrawString(text, font, XBrushes.Black, area, XStringFormats.TopLeft);
    }

    /// <summary>A boxed field: its number and label small at the top, the value below.</summary>
    public static void Field(XGraphics graphics, XRect box, string number, string label, string value)
    {
        graphics.DrawRectangle(XPens.Black, box);
        var caption = number.Length == 0 ? label : number.StartsWith('(') ? $"{number} {label}" : $"{number}. {label}";
        graphics.DrawString(caption, Label, XBrushes.Black, new XRect(box.X + 4, box.Y + 3, box.Width - 8, 10), XStringFormats.TopLeft);
        // Field values are short by the schema (at most 40 characters): one line, no wrapping to compute.
        graphics.DrawString(value, Value, XBrushes.Black, new XRect(box.X + 4, box.Y + 14, box.Width - 8, box.Height - 16), XStringFormats.TopLeft);
    }

    /// <summary>
    /// The QR symbol as an image of one pixel per module (quiet zone included), drawn without interpolation to
    /// fill a square.
    /// </summary>
    public static void Qr(XGraphics graphics, string qrText, XRect square)
    {
        using var symbol = QrCodeWriter.Encode(qrText);
        using var bitmap = new MemoryStream(ModuleBitmap.Create(symbol.Modules()));
        using var image = XImage.FromStream(bitmap);
        image.Interpolate = false;
        graphics.DrawImage(image, square);
    }

    /// <summary>Dates on documents: <c>DD/MM/YYYY</c> (EC spec "The PDF").</summary>
    public static string Date(DateOnly date) => date.ToString("dd'/'MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A partial date of birth keeps its <c>00</c> for an unknown day or month (S2 field 5).</summary>
    public static string Date(Model.PartialDate date) => $"{date.Day:00}/{date.Month:00}/{date.Year:0000}";
}
