using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Credentials.Verification;

/// <summary>
/// What every version of the JSON export shares (specs/verification-export.md): the same indented, readable form,
/// the same software name, and the list object for an input that held several QR codes.
/// </summary>
internal static class ExportJsonText
{
    /// <summary>Indented, and non-ASCII letters written as they are: the export is read by people as well as programs.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The <c>verifier.software</c> member: this library and its version.</summary>
    public static readonly string Software = "Credentials " + (typeof(ExportJsonText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>The JSON text <paramref name="write"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> write, int capacity = 4096)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        Write(buffer, write);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The same JSON text as UTF-8 into <paramref name="output"/>, flushed to it, never made a string.</summary>
    public static void Write(IBufferWriter<byte> output, Action<Utf8JsonWriter> write)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        write(writer);
    }

    /// <summary>
    /// Several exports of one input as one object, in the order the codes were found:
    /// <c>{"schema": <paramref name="listSchemaId"/>, "count": n, "verifications": [export, …]}</c>.
    /// </summary>
    public static string List(string listSchemaId, IReadOnlyList<string> exports)
    {
        ArgumentNullException.ThrowIfNull(exports);
        return Write(
            writer => WriteList(writer, listSchemaId, exports.Count, (items, i) => items.WriteRawValue(exports[i], skipInputValidation: false)),
            4096 * Math.Max(1, exports.Count));
    }

    /// <summary>The list object of <see cref="List"/> into <paramref name="writer"/>, each of the <paramref name="count"/> exports written by <paramref name="writeExport"/>.</summary>
    public static void WriteList(Utf8JsonWriter writer, string listSchemaId, int count, Action<Utf8JsonWriter, int> writeExport)
    {
        writer.WriteStartObject();
        writer.WriteString("schema", listSchemaId);
        writer.WriteNumber("count", count);
        writer.WriteStartArray("verifications");
        for (var i = 0; i < count; i++)
        {
            writeExport(writer, i);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
