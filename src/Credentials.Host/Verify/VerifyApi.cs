using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Verify;

/// <summary>
/// <c>POST /api/v1/verify</c>: the QR text, a photo of the code or the PDF (raw body, or a multipart form with
/// <c>file</c> or <c>qr</c>) → the verification export (specs/schemas/verification-export-1.0.schema.json) as JSON without indentation (<see cref="ExportJsonResult"/>),
/// or its PDF form when the Accept header prefers <c>application/pdf</c>; an SD-JWT VC presentation (recognised by
/// its shape, with the <c>nonce</c> from <c>POST /api/v1/verify/nonce</c> for key binding) → export schema 2.0. A verification that ends in "Rejected" is a
/// 200: the report is the answer. Input that gives nothing to verify is an RFC 9457 problem (<see cref="VerifyProblems"/>).
/// No antiforgery token: the API is for programs and changes nothing.
/// </summary>
internal static class VerifyApi
{
    public const string Path = "/api/v1/verify";

    /// <summary>Where a client gets a fresh key-binding nonce for a presentation.</summary>
    public const string NoncePath = "/api/v1/verify/nonce";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery().WithMetadata(Accounts.NoCallerIdentity.Instance);

    /// <summary>
    /// <c>POST /api/v1/verify/nonce</c> → <c>{"audience", "nonce", "expiresAt"}</c>: what a wallet's key binding JWT must
    /// carry for a presentation sent to <c>POST /api/v1/verify</c> with that <c>nonce</c> (single-use, expiring).
    /// </summary>
    public static RouteHandlerBuilder MapNonce(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(NoncePath, (HttpContext context, VerificationService verifier, Publishing.PublicAddress address) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var (nonce, expiresAt) = verifier.Nonces.Issue();
            var json = new System.Text.Json.Nodes.JsonObject
            {
                ["audience"] = Audience(context, address),
                ["nonce"] = nonce,
                ["expiresAt"] = WireFormat.IsoInstant.Format(expiresAt),
            };
            return Results.Text(json.ToJsonString(), ReportContent.Json, Encoding.UTF8);
        }).DisableAntiforgery().WithMetadata(Accounts.NoCallerIdentity.Instance);

    /// <summary>The audience a key binding JWT names for this host: its identifier, the same string as its credential issuer's.</summary>
    public static string Audience(HttpContext context, Publishing.PublicAddress address) => address.Identifier(context);

    private static async Task<IResult> HandleAsync(HttpContext context, VerificationService verifier, Configuration.ServeOptions options, Publishing.PublicAddress address)
    {
        context.Response.Headers.Vary = "Accept";
        var format = ReportContent.Negotiate(context.Request.Headers.Accept);
        if (format is null)
        {
            return VerifyProblems.NotAcceptable();
        }

        var request = await VerifyRequestReader.ReadAsync(context.Request, options.Limits.MaxUploadBytes, context.RequestAborted).ConfigureAwait(false);
        if (request.Problem is { } problem)
        {
            return VerifyProblems.Result(problem, request.Detail!);
        }

        ReportWording? wording = null;
        if (request.Language is { Length: > 0 } language && !ReportWording.TryGet(language, out wording))
        {
            return VerifyProblems.Result(VerifyProblem.BadLanguage, $"lang: there are no labels in '{Printable(language)}'; the languages are {string.Join(", ", ReportWording.Languages.Order(StringComparer.Ordinal))}.");
        }

        if (!TreatmentDates.TryParse(request.TreatmentDate, out var date))
        {
            return VerifyProblems.Result(VerifyProblem.BadTreatmentDate, $"treatmentDate: '{Printable(request.TreatmentDate!)}' is not a date written YYYY-MM-DD.");
        }

        if (request.Input is null)
        {
            return VerifyProblems.Result(VerifyProblem.EmptyInput, "nothing to verify: send the QR text, a PNG or JPEG photo of the code, or the PDF (as the body, or as the form field file or qr).");
        }

        var outcome = await verifier.VerifyAsync(request.Input, date, request.Nonce is { Length: > 0 } nonce ? new PresentationRequest(Audience(context, address), nonce) : null, context.RequestAborted).ConfigureAwait(false);
        if (outcome is VerifyOutcome.Refused refused)
        {
            return VerifyProblems.Result(refused.Problem, refused.Reason + ".");
        }

        if (outcome is VerifyOutcome.Presented presented)
        {
            // The export PDF is the EC specification's form for a QR document; a presentation's report is its JSON (schema 2.0).
            return format == ReportContent.Pdf
                ? VerifyProblems.Result(VerifyProblem.FormNotOffered, "a wallet presentation's report is served as application/json (verification export schema 2.0); the PDF form is for QR documents.")
                : ExportJsonResult.Of(presented.Record, wording ?? ReportWording.Get(null));
        }

        var reports = ((VerifyOutcome.Verified)outcome).Reports;
        if (format == ReportContent.Pdf)
        {
            if (reports.Count > 1)
            {
                return VerifyProblems.Result(VerifyProblem.TooManyCodes, $"the input holds {reports.Count} QR codes and a PDF report is of one: ask for application/json, or send each document alone.");
            }

            return Results.File(ReportContent.ExportPdf(reports[0], wording), ReportContent.Pdf, ReportContent.FileName(reports[0], "pdf"));
        }

        return ExportJsonResult.Of(reports, wording ?? ReportWording.Get(null));
    }

    /// <summary>A value as a message may quote it: short, printable ASCII (the value is not personal data: a date or a language).</summary>
    private static string Printable(string value) => new([.. value.Take(20).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
}
