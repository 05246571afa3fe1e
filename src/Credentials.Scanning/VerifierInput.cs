using System.Text;
using System.Text.Unicode;

namespace Credentials.Scanning;

/// <summary>
/// What was handed to a verifier, recognised from its bytes, and what it holds: QR texts to verify
/// (<see cref="QrCodeInput"/>: the text itself, or every code in a PNG or JPEG image or a PDF), an SD-JWT
/// presentation for the wallet verifier (<see cref="SdJwtPresentationInput"/>), or a refusal with its reason in one
/// line (<see cref="RefusedInput"/>). The CLI, the host and embedders call <see cref="Read"/> and act on the case.
/// </summary>
public abstract class VerifierInput
{
    /// <summary>Inputs larger than this are refused before anything is parsed (the image and PDF file bound).</summary>
    public const long MaxBytes = GreyImage.MaxFileBytes;

    /// <summary>
    /// Text inputs larger than this are refused: a QR code holds at most 4,296 characters (ISO/IEC 18004 Table 7),
    /// and a token or a presentation is a few kilobytes.
    /// </summary>
    public const int MaxTextBytes = 64 * 1024;

    private const string WhatToGive = "give the QR text, a PNG or JPEG photo of the code, or the PDF";

    private protected VerifierInput(InputKind kind) => Kind = kind;

    /// <summary>What the input is.</summary>
    public InputKind Kind { get; }

    /// <summary>
    /// Recognises the input from its content and reads what it holds. Never throws for bad input; only a fault of
    /// ours would.
    /// <list type="bullet">
    /// <item>PNG and JPEG images and PDFs are recognised by their signatures and read for QR codes; one with none is
    /// refused as <see cref="InputRefusal.NoQrCode"/>, a damaged one as <see cref="InputRefusal.Unreadable"/>.</item>
    /// <item>GIF, BMP, TIFF, WebP, HEIC and AVIF images, ZIP archives, SVG, HTML, XML, JSON and binary data are
    /// refused as <see cref="InputRefusal.Unsupported"/>, naming the kind.</item>
    /// <item>Text is taken as UTF-8 with or without a byte order mark, trimmed of white space at both ends (a
    /// Base45 text never begins or ends with a space: its first character comes from the zlib header, 0x78, and its
    /// last is the high digit of a 16- or 8-bit value, at most 'W', RFC 9285 §4). Text in the Base45 alphabet is QR
    /// text, handed to the verifier as it is (the verifier's decode step judges its length and content). A compact
    /// JWS is refused (<see cref="InputRefusal.CompactJws"/>): the token alone is not what a document carries. An
    /// SD-JWT presentation is returned for the wallet verifier.</item>
    /// <item>Text that is mostly Base45 (at least 100 characters, at most one in 20 outside the alphabet, and not a
    /// token) is QR text too, damaged in transit: a character mistyped, or a keyboard-wedge scanner typing on another
    /// keyboard layout. It goes to the verifier, which rejects it at step 2 with NOT_BASE_45 (specs/eprc-token.md: a
    /// character outside the alphabet), so the report says what is wrong with the document's text.</item>
    /// <item>Other text (mostly characters outside the Base45 alphabet, or too short to be a token's QR text, and not
    /// a token) is refused as unsupported (<see cref="InputKind.OtherText"/>): a wrong file, not a document's text.
    /// What a QR code in an image or PDF holds is different: the code is the document presented, so its text goes to
    /// the verifier whatever it is.</item>
    /// </list>
    /// </summary>
    public static VerifierInput Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return Empty();
        }

        if (FileSignatures.Recognise(bytes) is { } format)
        {
            if (bytes.Length > MaxBytes)
            {
                return new RefusedInput(format, InputRefusal.TooLarge, $"the input is {bytes.Length} bytes, more than the {MaxBytes} accepted");
            }

            return format switch
            {
                InputKind.PngImage or InputKind.JpegImage => Scan(format, bytes.ToArray(), QrCodeReader.ReadAll),
                InputKind.Pdf => Scan(format, bytes.ToArray(), PdfQrReader.ReadAll),
                _ => Unsupported(format),
            };
        }

        return ReadText(bytes);
    }

    private static RefusedInput Empty() => new(InputKind.Empty, InputRefusal.Empty, $"the input is empty: {WhatToGive}");

    private static RefusedInput Unsupported(InputKind kind) => new(kind, InputRefusal.Unsupported, $"unsupported input ({Describe(kind)}): {WhatToGive}");

    private static VerifierInput Scan(InputKind kind, byte[] file, Func<byte[], IReadOnlyList<string>> read)
    {
        try
        {
            return new QrCodeInput(kind, read(file));
        }
        catch (QrScanException e)
        {
            var refusal = e.Problem switch
            {
                QrScanProblem.TooLarge => InputRefusal.TooLarge,
                QrScanProblem.NoQrCodeFound => InputRefusal.NoQrCode,
                _ => InputRefusal.Unreadable,
            };
            // The reason is one line without a final full stop, as every other reason: callers end the sentence.
            return new RefusedInput(kind, refusal, e.Message.TrimEnd('.'));
        }
    }

    private static VerifierInput ReadText(ReadOnlySpan<byte> bytes)
    {
        var complete = bytes.Length <= MaxTextBytes;
        // Past the text bound only the first bytes are looked at: enough to name markup, JSON or binary data.
        var text = complete ? bytes : WithoutCutCharacter(bytes[..MaxTextBytes]);
        if (!Utf8.IsValid(text) || text.ContainsAnyInRange((byte)0x00, (byte)0x08) || text.ContainsAnyInRange((byte)0x0E, (byte)0x1F) || text.Contains((byte)0x7F))
        {
            return Unsupported(InputKind.Binary); // not UTF-8, or control characters no text file holds
        }

        var trimmed = Encoding.UTF8.GetString(text).AsSpan().TrimStart('\uFEFF').Trim();
        if (trimmed.IsEmpty)
        {
            return complete ? Empty() : Unsupported(InputKind.Binary);
        }

        var kind = TextShapes.Classify(trimmed);
        if (!complete)
        {
            return kind is InputKind.QrText or InputKind.CompactJws or InputKind.SdJwtPresentation or InputKind.OtherText
                ? new RefusedInput(kind, InputRefusal.TooLarge, $"the input is {bytes.Length} bytes of text, more than the {MaxTextBytes} a QR text, a token or a presentation can be")
                : Unsupported(kind);
        }

        return kind switch
        {
            InputKind.QrText => new QrCodeInput(kind, [trimmed.ToString()]),
            InputKind.SdJwtPresentation => new SdJwtPresentationInput(trimmed.ToString()),
            InputKind.CompactJws => new RefusedInput(kind, InputRefusal.CompactJws, "this is a compact JWS (the token itself), not the QR text: give the QR text, the QR image or the PDF"),
            _ => Unsupported(kind),
        };
    }

    /// <summary>
    /// The bytes without a last character cut short by the bound (RFC 3629 §3: a lead byte announces one to four
    /// bytes, continuation bytes are <c>10xxxxxx</c>), so the prefix of a valid text stays valid.
    /// </summary>
    private static ReadOnlySpan<byte> WithoutCutCharacter(ReadOnlySpan<byte> prefix)
    {
        for (var back = 1; back <= Math.Min(4, prefix.Length); back++)
        {
            var value = prefix[^back];
            if ((value & 0xC0) != 0x80)
            {
                var length = value < 0x80 ? 1 : value >= 0xF0 ? 4 : value >= 0xE0 ? 3 : 2;
                return length > back ? prefix[..^back] : prefix;
            }
        }

        return prefix;
    }

    /// <summary>The kind in the words of a refusal.</summary>
    private static string Describe(InputKind kind) => kind switch
    {
        InputKind.OtherText => "text with characters outside the Base45 alphabet of QR text",
        InputKind.Json => "JSON text",
        InputKind.Html => "HTML page",
        InputKind.Xml => "XML document",
        InputKind.SvgImage => "SVG image",
        InputKind.GifImage => "GIF image",
        InputKind.BmpImage => "BMP image",
        InputKind.TiffImage => "TIFF image",
        InputKind.WebPImage => "WebP image",
        InputKind.HeicImage => "HEIC image",
        InputKind.AvifImage => "AVIF image",
        InputKind.ZipArchive => "ZIP archive",
        _ => "binary data",
    };
}
