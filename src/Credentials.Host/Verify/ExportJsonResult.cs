using System.Text;
using Credentials.Verification;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Verify;

/// <summary>
/// The verification export as the answer: one export written as UTF-8 straight into the response body, as
/// <c>credentials verify</c> writes it, never made a string and copied; the list of an input with several codes
/// (<see cref="ReportContent.ExportJson"/>) likewise once it is made.
/// </summary>
internal sealed class ExportJsonResult(IReadOnlyList<VerificationReport> reports, ReportWording wording) : IResult
{
    /// <summary>The media type with its charset, as the API has always named it.</summary>
    public const string ContentType = ReportContent.Json + "; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = ContentType;
        if (reports.Count == 1)
        {
            VerificationExport.WriteJson(response.BodyWriter, reports[0], language: wording.Language);
        }
        else
        {
            Encoding.UTF8.GetBytes(ReportContent.ExportJson(reports, wording), response.BodyWriter);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
