using System.Text.Encodings.Web;
using System.Text.Json;
using Credentials.Verification;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Verify;

/// <summary>
/// The verification export as the API's answer: written as UTF-8 straight into the response body, never made a
/// string and copied, and without indentation. The members, their order and their values are the published export's
/// (specs/schemas/verification-export-1.0.schema.json, -2.0 for a presentation, the list schemas for several codes);
/// only the whitespace between them is left out, as a program reads the answer. The files people open (the CLI's
/// <c>--export</c>, the verify page's download) keep the indented form.
/// </summary>
internal sealed class ExportJsonResult : IResult
{
    /// <summary>The media type with its charset, as the API has always named it.</summary>
    public const string ContentType = ReportContent.Json + "; charset=utf-8";

    /// <summary>No indentation; non-ASCII letters written as they are, as in the export files.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Action<Utf8JsonWriter> write;

    private ExportJsonResult(Action<Utf8JsonWriter> write) => this.write = write;

    /// <summary>One export (schema 1.0), or for an input with several codes the list of them in the order they were found.</summary>
    public static ExportJsonResult Of(IReadOnlyList<VerificationReport> reports, ReportWording wording)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(wording);
        var catalog = wording.Messages;
        return reports.Count == 1
            ? new ExportJsonResult(writer => VerificationExport.Write(writer, reports[0], catalog: catalog))
            : new ExportJsonResult(writer => VerificationExport.WriteList(writer, reports, catalog));
    }

    /// <summary>A wallet presentation's export (schema 2.0).</summary>
    public static ExportJsonResult Of(VerificationRecord presentation, ReportWording wording)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(wording);
        return new ExportJsonResult(writer => VerificationExportV2.Write(writer, presentation, catalog: wording.Messages));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = ContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
