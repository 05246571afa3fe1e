using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Verification;

/// <summary>
/// The JSON export of a verification (EC ePRC spec §7; our schema: specs/schemas/verification-export-1.0.schema.json):
/// the metadata, every step's result, the conclusion, the scanned Base45 text, and — only when approved —
/// the payload and the issuer. Step names and messages are in one language of the <see cref="MessageCatalog"/>
/// (recorded as <c>lang</c>); codes and results are the same in every language.
/// </summary>
public static class VerificationExport
{
    /// <summary>The export's <c>schema</c> member: the version of our export schema (specs/schemas/verification-export-1.0.schema.json).</summary>
    public const string SchemaId = "credentials:verification-export:1.0";

    /// <summary>The schema id of the object that holds the exports of an input with several QR codes (specs/verification-export.md).</summary>
    public const string ListSchemaId = "credentials:verification-export-list:1.0";

    /// <summary>
    /// The export as JSON, its words in <paramref name="language"/> (default English; an unknown language is an
    /// <see cref="ArgumentException"/> that lists the languages); <paramref name="pdfFile"/> names its PDF form when
    /// one was written beside it.
    /// </summary>
    public static string ToJson(VerificationReport report, string? pdfFile = null, string language = MessageCatalog.DefaultLanguage)
    {
        var catalog = MessageCatalog.Get(language);
        return ExportJsonText.Write(writer => Write(writer, report, pdfFile, catalog));
    }

    /// <summary>
    /// The same export as <see cref="ToJson"/>, written as UTF-8 into <paramref name="output"/> without making it a
    /// string first (a web response's body writer takes it as it is written).
    /// </summary>
    public static void WriteJson(IBufferWriter<byte> output, VerificationReport report, string? pdfFile = null, string language = MessageCatalog.DefaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var catalog = MessageCatalog.Get(language);
        ExportJsonText.Write(output, writer => Write(writer, report, pdfFile, catalog));
    }

    /// <summary>
    /// One JSON object for an input that held several QR codes (a PDF with several certificates):
    /// <c>{"schema": "credentials:verification-export-list:1.0", "count": n, "verifications": [export, …]}</c>, in the
    /// order the codes were found.
    /// </summary>
    public static string ListToJson(IReadOnlyList<string> exports)
    {
        return ExportJsonText.List(ListSchemaId, exports);
    }

    /// <summary>
    /// Writes the list object of <see cref="ListToJson"/> for <paramref name="reports"/>, each export's words in
    /// <paramref name="catalog"/>'s language, into a writer of the caller's (its indentation is the caller's choice).
    /// </summary>
    public static void WriteList(Utf8JsonWriter writer, IReadOnlyList<VerificationReport> reports, MessageCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reports);
        ExportJsonText.WriteList(writer, ListSchemaId, reports.Count, (items, i) => Write(items, reports[i], catalog: catalog));
    }

    /// <summary>Writes the export, its words in <paramref name="catalog"/>'s language (default English).</summary>
    public static void Write(Utf8JsonWriter writer, VerificationReport report, string? pdfFile = null, MessageCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        catalog ??= MessageCatalog.English;
        writer.WriteStartObject();
        writer.WriteString("schema", SchemaId);
        writer.WriteString("lang", catalog.Language);
        if (pdfFile is not null)
        {
            writer.WriteString("pdf", pdfFile);
        }

        writer.WriteString("conclusion", report.Conclusion.ToString());
        if (report.FailedStep is { } failed)
        {
            writer.WriteStartObject("reason");
            writer.WriteNumber("step", (int)failed.Step);
            writer.WriteString("code", failed.Code?.ToWireName());
            writer.WriteString("message", catalog.Render(failed.Text));
            writer.WriteEndObject();
        }

        // Block 2: metadata.
        if (report.TreatmentDate is { } date)
        {
            writer.WriteString("treatmentDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("treatmentDate");
        }

        writer.WriteString("verifiedAt", report.VerifiedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteStartObject("verifier");
        if (report.VerifierName is not null)
        {
            writer.WriteString("name", report.VerifierName);
        }

        writer.WriteString("software", ExportJsonText.Software);
        writer.WriteEndObject();
        if (report.TrustDataAsOf is { } asOf)
        {
            writer.WriteStartObject("trustData");
            writer.WriteString("asOf", Credentials.WireFormat.IsoInstant.Format(asOf));
            writer.WriteNumber("ageHours", Math.Round((report.VerifiedAt - asOf).TotalHours, 1));
            writer.WriteEndObject();
        }

        // Block 1: the original token, as the Base45 text scanned.
        writer.WriteString("qr", report.QrText);

        // Block 3: each step's result.
        writer.WriteStartArray("steps");
        foreach (var step in report.Steps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", (int)step.Step);
            writer.WriteString("name", catalog.StepTitle(step.Step));

            // The result is the specification's wire name in every language; only people's words are translated.
            writer.WriteString("result", step.Result.ToWireName());
            if (step.Code is { } code)
            {
                writer.WriteString("code", code.ToWireName());
            }

            writer.WriteString("message", catalog.Render(step.Text));
            if (step.Findings.Count > 0)
            {
                writer.WriteStartArray("findings");
                foreach (var finding in step.Findings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("code", finding.Code.ToWireName());
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

        writer.WriteEndArray();

        // Block 4: when approved, the issuer and the payload as signed.
        if (report.IsApproved && report.Issuer is { } issuer && report.PayloadUtf8 is { } payload)
        {
            writer.WriteStartObject("issuer");
            writer.WriteString("country", issuer.Country);
            writer.WriteString("officialId", issuer.OfficialId);
            writer.WriteString("name", issuer.Name);
            writer.WriteString("kid", issuer.Kid);
            writer.WriteEndObject();
            writer.WritePropertyName("payload");
            writer.WriteRawValue(payload.Span, skipInputValidation: false);
        }

        writer.WriteEndObject();
    }
}
