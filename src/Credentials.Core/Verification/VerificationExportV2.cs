using System.Globalization;
using System.Text.Json;
using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Verification;

/// <summary>
/// Export schema 2.0 (specs/schemas/verification-export-2.0.schema.json, specs/verification-export.md): one JSON export
/// for every format a verifier reads — a QR code (as text, image or PDF) and an SD-JWT VC presentation. It names the
/// input kind, the data format, the key reference, every step by its stable name with its result, code and
/// findings, the conclusion, and — only when approved — the issuer and the signed content. Words are in one
/// language of the <see cref="MessageCatalog"/> (recorded as <c>lang</c>); names, codes and results are the same in
/// every language. Schema 1.0 (<see cref="VerificationExport"/>) stays what QR exports have always been.
/// </summary>
public static class VerificationExportV2
{
    /// <summary>The export's <c>schema</c> member.</summary>
    public const string SchemaId = "credentials:verification-export:2.0";

    /// <summary>The schema id of the object that holds the exports of an input with several QR codes.</summary>
    public const string ListSchemaId = "credentials:verification-export-list:2.0";

    /// <summary>The export as JSON in <paramref name="language"/> (default English; an unknown language is an <see cref="ArgumentException"/> listing the languages).</summary>
    public static string ToJson(VerificationRecord record, string? pdfFile = null, string language = MessageCatalog.DefaultLanguage)
    {
        var catalog = MessageCatalog.Get(language);
        return ExportJsonText.Write(writer => Write(writer, record, pdfFile, catalog));
    }

    /// <summary>Several exports of one input (a PDF with several QR codes) as one object: <c>{"schema": "…list:2.0", "count": n, "verifications": […]}</c>.</summary>
    public static string ListToJson(IReadOnlyList<string> exports)
    {
        return ExportJsonText.List(ListSchemaId, exports);
    }

    /// <summary>Writes the export, its words in <paramref name="catalog"/>'s language (default English).</summary>
    public static void Write(Utf8JsonWriter writer, VerificationRecord record, string? pdfFile = null, MessageCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        catalog ??= MessageCatalog.English;
        writer.WriteStartObject();
        writer.WriteString("schema", SchemaId);
        writer.WriteString("lang", catalog.Language);
        if (pdfFile is not null)
        {
            writer.WriteString("pdf", pdfFile);
        }

        writer.WriteStartObject("input");
        writer.WriteString("kind", record.InputKind.ToWireName());
        writer.WriteString("format", record.Format);
        if (record.DocumentType is not null)
        {
            writer.WriteString("documentType", record.DocumentType);
        }

        writer.WriteEndObject();
        writer.WriteString("conclusion", record.Conclusion.ToString());
        if (record.FailedStep is { } failed)
        {
            writer.WriteStartObject("reason");
            writer.WriteString("step", failed.Name);
            if (failed.Code is { } code)
            {
                writer.WriteString("code", code);
            }

            writer.WriteString("message", catalog.Render(failed.Text));
            writer.WriteEndObject();
        }

        if (record.TreatmentDate is { } date)
        {
            writer.WriteString("treatmentDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("treatmentDate");
        }

        writer.WriteString("verifiedAt", record.VerifiedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartObject("verifier");
        if (record.VerifierName is not null)
        {
            writer.WriteString("name", record.VerifierName);
        }

        writer.WriteString("software", ExportJsonText.Software);
        writer.WriteEndObject();
        if (record.TrustDataAsOf is { } asOf)
        {
            writer.WriteStartObject("trustData");
            writer.WriteString("asOf", WireFormat.IsoInstant.Format(asOf));
            writer.WriteNumber("ageHours", Math.Round((record.VerifiedAt - asOf).TotalHours, 1));
            writer.WriteEndObject();
        }

        if (record.Key is { } key)
        {
            writer.WriteStartObject("key");
            writer.WriteString("header", key.HeaderMember);
            writer.WriteString("value", key.Value);
            writer.WriteEndObject();
        }

        if (record.KeyBinding is { } binding)
        {
            writer.WriteStartObject("keyBinding");
            writer.WriteBoolean("required", binding.Required);
            writer.WriteBoolean("presented", binding.Presented);
            writer.WriteBoolean("verified", binding.Verified);
            if (binding.AbsentButAllowed)
            {
                writer.WriteString("message", catalog.Render(ReportMessages.KeyBindingAbsent()));
            }

            writer.WriteEndObject();
        }

        writer.WriteString("evidence", record.Evidence);
        writer.WriteStartArray("steps");
        foreach (var step in record.Steps)
        {
            WriteStep(writer, step, catalog);
        }

        writer.WriteEndArray();
        if (record.IsApproved && record.Issuer is { } issuer && record.ContentJson is { } content)
        {
            writer.WriteStartObject("issuer");
            writer.WriteString("country", issuer.Country);
            writer.WriteString("officialId", issuer.OfficialId);
            writer.WriteString("name", issuer.Name);
            writer.WriteString("kid", issuer.Kid);
            writer.WriteEndObject();
            writer.WritePropertyName("content");
            writer.WriteRawValue(content, skipInputValidation: false);
        }

        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, ReportStep step, MessageCatalog catalog)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", step.Number);
        writer.WriteString("name", step.Name);
        writer.WriteString("title", catalog.Render(step.Title));

        // The result is the specification's wire name in every language; only people's words are translated.
        writer.WriteString("result", step.Result.ToWireName());
        if (step.Code is { } code)
        {
            writer.WriteString("code", code);
        }

        writer.WriteString("message", catalog.Render(step.Text));
        if (step.Findings.Count > 0)
        {
            writer.WriteStartArray("findings");
            foreach (var finding in step.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("code", finding.Code);
                writer.WriteString("severity", finding.Severity == FindingSeverity.Error ? "error" : "warning");
                writer.WriteString("message", catalog.Render(finding.Text));
                if (finding.Path is not null)
                {
                    writer.WriteString("path", finding.Path);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
