using System.Buffers;

namespace Credentials.Scanning;

/// <summary>What a text is, from its shape alone: QR text, a token, a presentation, markup, JSON, or other text.</summary>
internal static class TextShapes
{
    /// <summary>RFC 9285 §4: the 45 characters of Base45, the only ones in a document's QR text.</summary>
    private static readonly SearchValues<char> Base45Alphabet = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");

    /// <summary>RFC 4648 §5: the URL-safe alphabet, without padding as JWS uses it (RFC 7515 §2).</summary>
    private static readonly SearchValues<char> Base64UrlAlphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>What ends an element's name in a start tag (XML 1.0 §3.1).</summary>
    private static readonly SearchValues<char> NameEnd = SearchValues.Create(" \t\r\n/>");

    /// <summary>The kind of a text that is trimmed of white space and not empty.</summary>
    public static InputKind Classify(ReadOnlySpan<char> text)
    {
        if (text[0] == '<')
        {
            return Markup(text);
        }

        if (text[0] is '{' or '[')
        {
            return InputKind.Json;
        }

        if (!text.ContainsAnyExcept(Base45Alphabet))
        {
            return InputKind.QrText;
        }

        if (IsSdJwtPresentation(text))
        {
            return InputKind.SdJwtPresentation;
        }

        if (IsCompactJws(text))
        {
            return InputKind.CompactJws;
        }

        return IsMostlyBase45(text) ? InputKind.QrText : InputKind.OtherText;
    }

    /// <summary>The fewest characters of a text taken for QR text with a few wrong characters: shorter than any token's QR text.</summary>
    internal const int MinDamagedQrTextLength = 100;

    /// <summary>At most one character in this many may be outside the alphabet for a text still to be taken as QR text.</summary>
    internal const int DamagedQrTextRatio = 20;

    /// <summary>
    /// QR text with a few characters outside the Base45 alphabet: at least <see cref="MinDamagedQrTextLength"/>
    /// characters, at most one in <see cref="DamagedQrTextRatio"/> outside it. That is a QR text damaged in transit (a
    /// character mistyped, a scanner on another keyboard layout), which the verifier rejects at its decode step with
    /// NOT_BASE_45 (specs/eprc-token.md), not a file of another kind.
    /// </summary>
    private static bool IsMostlyBase45(ReadOnlySpan<char> text)
    {
        if (text.Length < MinDamagedQrTextLength)
        {
            return false;
        }

        var allowed = text.Length / DamagedQrTextRatio;
        var outside = 0;
        for (var rest = text; rest.IndexOfAnyExcept(Base45Alphabet) is var at and >= 0; rest = rest[(at + 1)..])
        {
            if (++outside > allowed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// RFC 7515 §7.1: <c>BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)</c>, the header a JSON
    /// object. Checking that the header decodes to <c>{</c> keeps any other dotted text out.
    /// </summary>
    public static bool IsCompactJws(ReadOnlySpan<char> text)
    {
        var first = text.IndexOf('.');
        if (first <= 0)
        {
            return false;
        }

        var rest = text[(first + 1)..];
        var second = rest.IndexOf('.');
        if (second < 0)
        {
            return false;
        }

        var header = text[..first];
        var payload = rest[..second];
        var signature = rest[(second + 1)..];
        if (header.ContainsAnyExcept(Base64UrlAlphabet) || payload.ContainsAnyExcept(Base64UrlAlphabet) || signature.ContainsAnyExcept(Base64UrlAlphabet)
            || !System.Buffers.Text.Base64Url.IsValid(header))
        {
            return false;
        }

        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(header);
        var start = bytes.AsSpan().TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] == '{';
    }

    /// <summary>
    /// RFC 9901 §4: <c>&lt;Issuer-signed JWT&gt;~&lt;Disclosure 1&gt;~…~&lt;Disclosure N&gt;~&lt;KB-JWT&gt;</c>: a compact JWS,
    /// then base64url disclosures, each followed by <c>~</c>, then a key-binding JWT or nothing.
    /// </summary>
    public static bool IsSdJwtPresentation(ReadOnlySpan<char> text)
    {
        var parts = text.Split('~');
        if (!parts.MoveNext() || !IsCompactJws(text[parts.Current]))
        {
            return false;
        }

        var after = 0;
        Range last = default;
        while (parts.MoveNext())
        {
            if (after > 0 && (text[last].IsEmpty || text[last].ContainsAnyExcept(Base64UrlAlphabet)))
            {
                return false; // a part between two separators is a disclosure: non-empty base64url
            }

            last = parts.Current;
            after++;
        }

        return after > 0 && (text[last].IsEmpty || IsCompactJws(text[last]));
    }

    /// <summary>Where the text after the first <paramref name="terminator"/> begins, or -1 without one.</summary>
    private static int After(ReadOnlySpan<char> text, string terminator)
    {
        var at = text.IndexOf(terminator, StringComparison.Ordinal);
        return at < 0 ? -1 : at + terminator.Length;
    }

    /// <summary>
    /// Markup by its root element, past an XML declaration, comments and a document type declaration: <c>svg</c>
    /// (with or without a namespace prefix) is an SVG image, <c>html</c> (or an HTML document type) a page.
    /// </summary>
    private static InputKind Markup(ReadOnlySpan<char> text)
    {
        var rest = text;
        while (true)
        {
            rest = rest.TrimStart();
            int end;
            if (rest.StartsWith("<?", StringComparison.Ordinal))
            {
                end = After(rest, "?>");
            }
            else if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                end = After(rest, "-->");
            }
            else if (rest.StartsWith("<!", StringComparison.Ordinal))
            {
                end = After(rest, ">");
                if (end > 0 && rest[..end].StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase))
                {
                    return InputKind.Html;
                }
            }
            else
            {
                break;
            }

            if (end < 0)
            {
                return InputKind.Xml;
            }

            rest = rest[end..];
        }

        if (!rest.StartsWith('<'))
        {
            return InputKind.Xml;
        }

        var name = rest[1..];
        var length = name.IndexOfAny(NameEnd);
        name = length < 0 ? name : name[..length];
        var local = name[(name.LastIndexOf(':') + 1)..];
        return local.Equals("svg", StringComparison.OrdinalIgnoreCase) ? InputKind.SvgImage
            : local.Equals("html", StringComparison.OrdinalIgnoreCase) ? InputKind.Html
            : InputKind.Xml;
    }
}
