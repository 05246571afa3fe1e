using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Credentials.Wallet.Jose;

/// <summary>
/// How the wallet formats read and write JSON. Reading refuses duplicate member names (RFC 7515 §5.2 step 4 and
/// RFC 7519 §4: a JOSE header or claims set with duplicate names must be rejected, or parsed with lexically-last
/// semantics that differ between implementations) and bounds the nesting depth.
/// </summary>
internal static class StrictJson
{
    /// <summary>Writes UTF-8 as is (base64url hides it from any HTML context), compact, without indentation.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonDocumentOptions DocumentOptions(int maxDepth) => new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = maxDepth,
    };

    /// <summary>Parses UTF-8 JSON into a standalone element, or says in one line why it is not JSON.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int maxDepth, out JsonElement element, [NotNullWhen(false)] out string? problem)
    {
        // RFC 8259 §8.1 and RFC 7515 §2: UTF-8. The reader checks string contents only when they are read, so the
        // whole text is checked here, before any value is looked at.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            element = default;
            problem = "it is not well-formed UTF-8";
            return false;
        }

        try
        {
            element = JsonElement.Parse(utf8, DocumentOptions(maxDepth));
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            element = default;
            problem = Describe(exception);
            return false;
        }
    }

    /// <summary>Parses UTF-8 JSON that must be an object.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, int maxDepth, out JsonElement element, [NotNullWhen(false)] out string? problem)
    {
        if (!TryParse(utf8, maxDepth, out element, out problem))
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"it is a JSON {Kind(element.ValueKind)}, not an object";
            return false;
        }

        return true;
    }

    /// <summary>A JSON value kind in words, for messages.</summary>
    public static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    // The reader's messages name the offending member (duplicates) or the position: no values, so no personal data.
    private static string Describe(JsonException exception) =>
        exception.Message.Contains("Duplicate property", StringComparison.Ordinal)
            ? "it has a member name twice"
            : exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? "it nests deeper than allowed"
                : "it is not well-formed UTF-8 JSON";
}
