using System.Globalization;
using Credentials.Printing;
using Credentials.Verification;
using Microsoft.Net.Http.Headers;

namespace Credentials.Host.Verify;

/// <summary>The two forms of a report a client can ask for (content negotiation on Accept, RFC 9110 §12.5.1), and how each is made.</summary>
internal static class ReportContent
{
    public const string Json = "application/json";
    public const string Pdf = "application/pdf";

    /// <summary>The form the Accept header prefers: JSON unless PDF has a higher quality; null when neither is acceptable.</summary>
    public static string? Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return Json;
        }

        double Quality(string type)
        {
            var candidate = new MediaTypeHeaderValue(type);
            return ranges.Where(candidate.IsSubsetOf).Select(r => r.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        }

        var json = Quality(Json);
        var pdf = Quality(Pdf);
        if (json <= 0 && pdf <= 0)
        {
            return null;
        }

        return pdf > json ? Pdf : Json;
    }

    /// <summary>
    /// The verification export as JSON in the wording's language: one export, or for an input with several codes one
    /// list of them (<c>credentials:verification-export-list:1.0</c>), as <c>credentials verify</c> writes them.
    /// </summary>
    public static string ExportJson(IReadOnlyList<VerificationReport> reports, ReportWording wording)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(wording);
        return reports.Count == 1
            ? VerificationExport.ToJson(reports[0], language: wording.Language)
            : VerificationExport.ListToJson([.. reports.Select(r => VerificationExport.ToJson(r, language: wording.Language))]);
    }

    /// <summary>The export PDF, in the asked language or else the document's issuing state's (EC spec §7).</summary>
    public static byte[] ExportPdf(VerificationReport report, ReportWording? wording) =>
        VerificationExportPdf.Create(report, wording?.Labels ?? VerificationExportPdf.LabelsFor(report));

    /// <summary>A download's file name: when it was verified and how it ended, never anything about the holder.</summary>
    public static string FileName(VerificationReport report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"verification-{report.VerifiedAt.UtcDateTime:yyyyMMdd-HHmmss}-{report.Conclusion.ToString().ToLowerInvariant()}.{extension}");
}
