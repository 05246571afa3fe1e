using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// A member's value as it was read: whether it was there, its JSON kind and its text when it is a string. Reading
/// never fails on a wrong type (the schema's rules report it, with every other problem), and an absent member is
/// the default value, which is not written.
/// </summary>
[JsonConverter(typeof(JsonLeafConverter))]
internal readonly record struct JsonLeaf(JsonValueKind Kind, string? Text)
{
    public bool IsPresent => Kind != JsonValueKind.Undefined;

    public static JsonLeaf Of(string text) => new(JsonValueKind.String, text);

    public static JsonLeaf OfOptional(string? text) => text is null ? default : Of(text);
}

/// <summary>Reads any JSON value into a <see cref="JsonLeaf"/> (skipping objects and arrays); writes the text.</summary>
internal sealed class JsonLeafConverter : JsonConverter<JsonLeaf>
{
    public override bool HandleNull => true;

    public override JsonLeaf Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new JsonLeaf(JsonValueKind.String, reader.GetString());
            case JsonTokenType.StartObject:
                reader.Skip();
                return new JsonLeaf(JsonValueKind.Object, null);
            case JsonTokenType.StartArray:
                reader.Skip();
                return new JsonLeaf(JsonValueKind.Array, null);
            case JsonTokenType.Number:
                return new JsonLeaf(JsonValueKind.Number, null);
            case JsonTokenType.True:
                return new JsonLeaf(JsonValueKind.True, null);
            case JsonTokenType.False:
                return new JsonLeaf(JsonValueKind.False, null);
            default:
                return new JsonLeaf(JsonValueKind.Null, null);
        }
    }

    public override void Write(Utf8JsonWriter writer, JsonLeaf value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Text);
    }
}
