using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>Writes an ePRC payload as compact UTF-8 JSON, members in the order of spec §2.</summary>
public static class PrcPayloadWriter
{
    // Names and places are written as UTF-8, not \u escapes (RFC 8259 §8.1): the QR stays small.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reset between documents: batch issuance writes millions of payloads.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? cached;

    public static byte[] Write(PrcPayload payload)
    {
        var (buffer, writer) = cached ??= CreateWriter();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, payload);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) CreateWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        return (buffer, new Utf8JsonWriter(buffer, WriterOptions));
    }

    public static void Write(Utf8JsonWriter writer, PrcPayload payload)
    {
        writer.WriteStartObject();
        writer.WriteString("sid"u8, payload.SchemaId);
        if (payload.TokenId is not null)
        {
            writer.WriteString("jti"u8, payload.TokenId);
        }

        if (payload.RevocationListUri is not null)
        {
            writer.WriteString("rid"u8, payload.RevocationListUri.OriginalString);
        }

        if (payload.IsIsiPlus)
        {
            writer.WritePropertyName("isi"u8);
            WriteIsiPlus(writer, payload.Prc);
        }
        else
        {
            writer.WritePropertyName(payload.IsEhic ? "ehic"u8 : "prc"u8);
            WritePrc(writer, payload.Prc, payload.IsEhic);
        }

        writer.WriteEndObject();
    }

    /// <summary>Our ISI+ profile: the national number as <c>nn</c>, validity di..xd, no card number.</summary>
    private static void WriteIsiPlus(Utf8JsonWriter writer, ProvisionalReplacementCertificate card)
    {
        writer.WriteStartObject();
        WriteHolderAndInstitution(writer, card, "nn"u8);
        WriteDate(writer, "xd"u8, card.EntitlementEnd);
        WriteDate(writer, "di"u8, card.IssuedOn);
        writer.WriteEndObject();
    }

    /// <summary>The document object; an eEHIC has no sd and ed (its validity is di..xd).</summary>
    public static void WritePrc(Utf8JsonWriter writer, ProvisionalReplacementCertificate prc, bool ehic = false)
    {
        writer.WriteStartObject();
        WriteHolderAndInstitution(writer, prc, "hi"u8);
        if (prc.CardNumber is not null)
        {
            writer.WriteString("ci"u8, prc.CardNumber);
        }

        if (!ehic)
        {
            WriteDate(writer, "sd"u8, prc.EntitlementStart);
            WriteDate(writer, "ed"u8, prc.EntitlementEnd);
        }

        if (prc.CardExpiry is { } expiry)
        {
            WriteDate(writer, "xd"u8, expiry);
        }

        WriteDate(writer, "di"u8, prc.IssuedOn);
        writer.WriteEndObject();
    }

    /// <summary>S2 fields 2–7, in the schema's order; an ISI+ names the personal number <c>nn</c>.</summary>
    private static void WriteHolderAndInstitution(Utf8JsonWriter writer, ProvisionalReplacementCertificate document, ReadOnlySpan<byte> personalNumberName)
    {
        writer.WriteString("ic"u8, document.IssuingCountry.Code);
        writer.WriteString("fn"u8, document.FamilyName);
        writer.WriteString("gn"u8, document.GivenNames);
        writer.WriteString("dob"u8, document.DateOfBirth.ToString());
        writer.WriteString(personalNumberName, document.PersonalIdentificationNumber);
        writer.WriteString("in"u8, document.InstitutionName);
        writer.WriteString("ii"u8, document.Institution.LocalId);
    }

    private static void WriteDate(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString(name, text);
    }
}
