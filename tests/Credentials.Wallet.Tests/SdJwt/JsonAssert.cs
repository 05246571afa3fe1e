using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>JSON values compared as JSON: object member order ignored, array order kept, numbers by value.</summary>
internal static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual) => Assert.Equal(Canonical(expected), Canonical(actual));

    public static string Canonical(JsonNode? node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, member) in obj.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, member);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                var value = (JsonValue)node;
                if (value.GetValueKind() == JsonValueKind.Number)
                {
                    writer.WriteNumberValue(decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    value.WriteTo(writer);
                }

                break;
        }
    }
}
