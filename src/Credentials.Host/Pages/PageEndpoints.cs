using System.Text;
using Credentials.Host.TrustData;
using Credentials.Host.Verify;
using Credentials.Verification;
using Credentials.Issuance;
using Credentials.Printing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Pages;

/// <summary>
/// The pages: the front page and the hospital's verify page. Every form carries an antiforgery token, checked
/// before anything else is read. Results come back from a POST and are held server side (<see cref="HeldResults"/>):
/// the downloads and the language switch post their random id, so no personal data is ever in a URL.
/// </summary>
internal static class PageEndpoints
{
    public const string VerifyPath = "/verify";
    public const string SamplePath = "/demo/sample-eprc.pdf";

    public static IEnumerable<IEndpointConventionBuilder> Map(IEndpointRouteBuilder endpoints)
    {
        yield return endpoints.MapGet("/", (HttpContext context, TrustView trust, string? lang) =>
            new RazorComponentResult<HomePage>(new { Labels = PageLanguage.Choose(context.Request, lang), TestIssuer = trust.Kind == TrustSourceKind.TestIssuer }));
        yield return endpoints.MapGet(VerifyPath, (HttpContext context, PageServices services, string? lang) =>
            Page(services.Form(context, PageLanguage.Choose(context.Request, lang))));
        yield return endpoints.MapPost(VerifyPath, VerifyAsync).DisableAntiforgery();
        yield return endpoints.MapPost(VerifyPath + "/result", ResultAsync).DisableAntiforgery();
        yield return endpoints.MapPost(VerifyPath + "/export", ExportAsync).DisableAntiforgery();
        yield return endpoints.MapGet(SamplePath, (TrustView trust, TimeProvider time) =>
            trust.TestIssuer is { } scenario ? Results.File(SampleDocument.Get(scenario, time), "application/pdf", "sample-eprc.pdf") : Results.NotFound());
    }

    private static RazorComponentResult<VerifyPage> Page(VerifyPageModel model, int status = StatusCodes.Status200OK) =>
        new(new { Model = model }) { StatusCode = status };

    private static async Task<IResult> VerifyAsync(HttpContext context, PageServices services, Configuration.ServeOptions options)
    {
        if (await services.RefuseFormAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = await VerifyRequestReader.ReadAsync(context.Request, options.Limits.MaxUploadBytes, context.RequestAborted).ConfigureAwait(false);
        var labels = PageLanguage.Choose(context.Request, request.Language);
        var form = services.Form(context, labels);
        if (request.Problem is { } problem)
        {
            return Page(form with { Problem = labels.Problem(problem), ProblemDetail = problem == VerifyProblem.TwoInputs ? null : request.Detail, ProblemField = request.Source ?? "qr" }, VerifyProblems.Describe(problem).Status);
        }

        if (!TreatmentDates.TryParse(request.TreatmentDate, out var date))
        {
            return Page(form with { Problem = labels.BadTreatmentDate, ProblemField = "treatmentDate" }, StatusCodes.Status400BadRequest);
        }

        if (request.Input is null)
        {
            return Page(form with { Problem = labels.InputMissing, ProblemField = "qr" }, StatusCodes.Status400BadRequest);
        }

        var outcome = await services.Verifier.VerifyAsync(request.Input, date, new PresentationRequest(services.Audience(context), request.Nonce), context.RequestAborted).ConfigureAwait(false);
        if (outcome is VerifyOutcome.Refused refusal)
        {
            return Page(form with { Problem = labels.Problem(refusal.Problem), ProblemDetail = refusal.Reason + ".", ProblemField = request.Source }, VerifyProblems.Describe(refusal.Problem).Status);
        }

        if (outcome is VerifyOutcome.Presented presented)
        {
            return Page(services.Results(context, labels, services.Held.HoldPresentation(presented.Record), presented.Record));
        }

        var reports = ((VerifyOutcome.Verified)outcome).Reports;
        return Page(services.Results(context, labels, services.Held.Hold(reports), reports));
    }

    private static async Task<IResult> ResultAsync(HttpContext context, PageServices services)
    {
        if (await services.RefuseFormAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var labels = PageLanguage.Choose(context.Request, form["lang"]);
        string? id = form["result"];
        if (services.Held.FindPresentation(id) is { } presentation)
        {
            return Page(services.Results(context, labels, id!, presentation));
        }

        return services.Held.Find(id) is { } reports
            ? Page(services.Results(context, labels, id!, reports))
            : Page(services.Form(context, labels) with { Problem = labels.ResultExpired }, StatusCodes.Status410Gone);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, PageServices services)
    {
        if (await services.RefuseFormAsync(context).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var labels = PageLanguage.Choose(context.Request, form["lang"]);
        if (services.Held.FindPresentation(form["result"]) is { } presentation)
        {
            // A presentation's export is its JSON (schema 2.0); the PDF form is the EC specification's, for QR documents.
            return form["format"] == "json"
                ? Results.File(Encoding.UTF8.GetBytes(VerificationExportV2.ToJson(presentation, language: labels.Code) + "\n"), ReportContent.Json, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"verification-{presentation.VerifiedAt.UtcDateTime:yyyyMMdd-HHmmss}-{presentation.Conclusion.ToString().ToLowerInvariant()}.json"))
                : Page(services.Form(context, labels) with { Problem = labels.Problem(VerifyProblem.FormNotOffered) }, StatusCodes.Status406NotAcceptable);
        }

        var reports = services.Held.Find(form["result"]);
        if (reports is null || !int.TryParse(form["index"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) || index >= reports.Count)
        {
            return Page(services.Form(context, labels) with { Problem = labels.ResultExpired }, StatusCodes.Status410Gone);
        }

        var report = reports[index];
        var wording = ReportWording.Get(labels.Code);
        return form["format"] == "json"
            ? Results.File(Encoding.UTF8.GetBytes(ReportContent.ExportJson([report], wording) + "\n"), ReportContent.Json, ReportContent.FileName(report, "json"))
            : Results.File(ReportContent.ExportPdf(report, wording), ReportContent.Pdf, ReportContent.FileName(report, "pdf"));
    }

    /// <summary>What the page endpoints share, from the container.</summary>
    internal sealed class PageServices(IAntiforgery antiforgery, VerificationService verifier, HeldResults held, TrustView trust, Publishing.PublicAddress address)
    {
        /// <summary>The audience a presentation's key binding names for this host: its public base URL.</summary>
        public string Audience(HttpContext context) => VerifyApi.Audience(context, address);

        public VerificationService Verifier => verifier;

        public HeldResults Held => held;

        /// <summary>The empty form, in the page's language, with a fresh nonce for a wallet presentation's key binding.</summary>
        public VerifyPageModel Form(HttpContext context, PageLabels labels) => new()
        {
            Labels = labels,
            Antiforgery = Token(context),
            TreatmentDate = TreatmentDates.Format(verifier.Today),
            TestIssuer = trust.Kind == TrustSourceKind.TestIssuer,
            Audience = Audience(context),
            Nonce = verifier.Nonces.Issue().Nonce,
        };

        /// <summary>The results page for a wallet presentation's report held under <paramref name="id"/>.</summary>
        public VerifyPageModel Results(HttpContext context, PageLabels labels, string id, VerificationRecord presentation) =>
            Form(context, labels) with { Reports = [ReportView.Of(presentation, ReportWording.Get(labels.Code), labels.AudienceLabel, Audience(context))], ResultId = id };

        /// <summary>The results page for reports held under <paramref name="id"/>.</summary>
        public VerifyPageModel Results(HttpContext context, PageLabels labels, string id, IReadOnlyList<Credentials.Verification.VerificationReport> reports)
        {
            var wording = ReportWording.Get(labels.Code);
            return Form(context, labels) with { Reports = [.. reports.Select(r => ReportView.Of(r, wording))], ResultId = id };
        }

        /// <summary>A 400 page when the form's antiforgery token is missing or wrong (or the form cannot be read); null when it is good.</summary>
        public async Task<IResult?> RefuseFormAsync(HttpContext context)
        {
            bool valid;
            try
            {
                valid = context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                valid = false;
            }

            if (valid)
            {
                return null;
            }

            var labels = PageLanguage.Choose(context.Request, null);
            return Page(Form(context, labels) with { Problem = labels.BadForm }, StatusCodes.Status400BadRequest);
        }

        private AntiforgeryField Token(HttpContext context)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
        }
    }

    /// <summary>The sample ePRC of the test issuer, issued once: what a visitor on a fresh install can verify.</summary>
    private static class SampleDocument
    {
        private static readonly Lock Gate = new();
        private static (Issuance.Demo.DemoScenario Scenario, byte[] Pdf)? issued;

        public static byte[] Get(Issuance.Demo.DemoScenario scenario, TimeProvider time)
        {
            lock (Gate)
            {
                if (issued is { } known && ReferenceEquals(known.Scenario, scenario))
                {
                    return known.Pdf;
                }

                var issuer = new QrTokenIssuer(scenario.Signer, time);
                var document = issuer.Issue(Encoding.UTF8.GetBytes(scenario.SampleRequestJson(tokenId: null))).Document
                    ?? throw new InvalidOperationException("the sample request was refused.");
                var pdf = DocumentPdf.Create(document.Document, document.QrText, DocumentLabels.Get(DocumentLabels.DefaultLanguage), time.GetUtcNow());
                issued = (scenario, pdf);
                return pdf;
            }
        }
    }
}
