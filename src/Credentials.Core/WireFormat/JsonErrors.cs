using System.Text.Json;

namespace Credentials.WireFormat;

/// <summary>Messages about JSON that do not echo the input (it may hold personal data).</summary>
public static class JsonErrors
{
    /// <summary>Where a JSON syntax error is: "syntax error at line 3, byte 14".</summary>
    public static string Position(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.LineNumber is { } line ? $"syntax error at line {line + 1}, byte {e.BytePositionInLine + 1}" : "syntax error";
    }

    /// <summary>A JSON Pointer (RFC 6901) from a System.Text.Json path such as <c>$.prc.fn</c> or <c>$['a b']</c>.</summary>
    public static string ToJsonPointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "/";
        }

        var pointer = new System.Text.StringBuilder();
        var rest = path.AsSpan(1);
        while (!rest.IsEmpty)
        {
            if (rest.StartsWith("['"))
            {
                var end = rest.IndexOf("']");
                var name = end < 0 ? rest[2..] : rest[2..end];
                pointer.Append('/').Append(name.ToString().Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                rest = end < 0 ? default : rest[(end + 2)..];
            }
            else if (rest[0] == '.')
            {
                rest = rest[1..];
                var end = rest.IndexOfAny('.', '[');
                var name = end < 0 ? rest : rest[..end];
                pointer.Append('/').Append(name);
                rest = end < 0 ? default : rest[end..];
            }
            else if (rest[0] == '[')
            {
                var end = rest.IndexOf(']');
                pointer.Append('/').Append(end < 0 ? rest[1..] : rest[1..end]);
                rest = end < 0 ? default : rest[(end + 1)..];
            }
            else
            {
                break;
            }
        }

        return pointer.ToString();
    }
}
