using System.Text.Json;
using Credentials.Labels;

namespace Credentials.WireFormat;

/// <summary>
/// RFC 7515 §5.2 steps 3–4 and 8–9 for a decoded header or payload: UTF-8 (the reader checks string contents only when
/// they are read, so it is checked up front), one JSON value, an object, within a nesting depth — in one pass of a
/// reader, with no document built.
/// </summary>
internal static class JsonObjectCheck
{
    /// <summary>What is wrong, or null when the bytes are one JSON object.</summary>
    /// <param name="IsJson">Whether the bytes are JSON at all (only not an object).</param>
    /// <param name="Describe">The sentence about a subject ("the JWS header"): "… is not valid JSON: …", "… is not a JSON object."</param>
    /// <param name="Found">What the root value is, when it is JSON but not an object.</param>
    public sealed record Failure(bool IsJson, Func<MessageText, MessageText> Describe, MessageText? Found = null);

    public static Failure? Problem(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return new Failure(false, DecodeMessages.JsonNotUtf8);
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
            if (!reader.Read())
            {
                return new Failure(false, DecodeMessages.JsonEmpty);
            }

            var token = reader.TokenType;
            reader.Skip();
            reader.Read(); // throws when anything but white space follows the root value
            return token == JsonTokenType.StartObject ? null : new Failure(true, DecodeMessages.JsonNotObject, Describe(token));
        }
        catch (JsonException e)
        {
            return new Failure(false, subject => DecodeMessages.JsonSyntax(subject, e));
        }
    }

    private static MessageText Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => DecodeMessages.Found(JsonValueKind.Array),
        JsonTokenType.String => DecodeMessages.Found(JsonValueKind.String),
        JsonTokenType.Number => DecodeMessages.Found(JsonValueKind.Number),
        JsonTokenType.True => DecodeMessages.Found(JsonValueKind.True),
        JsonTokenType.False => DecodeMessages.Found(JsonValueKind.False),
        JsonTokenType.Null => DecodeMessages.Found(JsonValueKind.Null),
        _ => DecodeMessages.FoundOther(),
    };
}
