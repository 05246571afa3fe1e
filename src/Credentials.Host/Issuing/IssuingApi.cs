using System.Security.Claims;
using System.Text.Json;
using Credentials.Host.Accounts;
using Credentials.Printing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Issuing;

/// <summary>
/// The insurer API, every endpoint for a signed-in caller with the <see cref="InstitutionClaims.IssuerPolicy"/>
/// policy and then only for the institutions its claims name: issue one document, read it back and its PDF, search
/// by document number, revoke / suspend / reinstate it in every channel, and batch jobs (202 with a status address,
/// progress, results). A document or job of another institution is answered as not found.
/// </summary>
internal static class IssuingApi
{
    public const string DocumentsPath = "/api/v1/documents";
    public const string BatchesPath = "/api/v1/batches";

    private const string Json = "application/json";

    public static IReadOnlyList<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        var endpoints = new List<IEndpointConventionBuilder>
        {
            app.MapPost(DocumentsPath, IssueAsync).WithName("IssueDocument").WithSummary("Issue one PRC, eEHIC or ISI+ from a request in the CLI's JSON shape")
                .Accepts<JsonElement>(Json).Produces<JsonElement>(StatusCodes.Status201Created, Json).Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(400, 403, 409, 413, 415),
            app.MapPost(DocumentsPath + "/search", SearchAsync).WithName("SearchDocuments").WithSummary("Find documents by document number (or jti) within your institutions; the number is posted, never in a URL")
                .Accepts<JsonElement>(Json).Produces<JsonElement[]>(StatusCodes.Status200OK, Json).Problems(422),
            app.MapGet(DocumentsPath + "/{id}", Get).WithName("GetDocument").WithSummary("A document's QR text and state").Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(404),
            app.MapGet(DocumentsPath + "/{id}/pdf", Pdf).WithName("GetDocumentPdf").WithSummary("A document's PDF").Produces<Stream>(StatusCodes.Status200OK, "application/pdf").Problems(404),
            app.MapPost(DocumentsPath + "/{id}/revoke", (string id, ClaimsPrincipal user, DocumentStatusChanges changes) => Change(changes, id, StatusAction.Revoke, user)).WithName("RevokeDocument").WithSummary("Revoke a document in every channel, for good").Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(404, 409),
            app.MapPost(DocumentsPath + "/{id}/suspend", (string id, ClaimsPrincipal user, DocumentStatusChanges changes) => Change(changes, id, StatusAction.Suspend, user)).WithName("SuspendDocument").WithSummary("Suspend a document in every channel").Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(404, 409),
            app.MapPost(DocumentsPath + "/{id}/reinstate", (string id, ClaimsPrincipal user, DocumentStatusChanges changes) => Change(changes, id, StatusAction.Reinstate, user)).WithName("ReinstateDocument").WithSummary("Reinstate a suspended document in every channel").Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(404, 409),
            app.MapPost(BatchesPath, SubmitAsync).WithMetadata(new BodySizeLimit(BatchJobs.MaxUploadBytes)).WithName("SubmitBatch").WithSummary("Issue a batch file (JSON Lines or CSV) as a job")
                .Accepts<string>("application/jsonl", "text/csv").Produces<JsonElement>(StatusCodes.Status202Accepted, Json).Problems(413, 415),
            app.MapGet(BatchesPath + "/{id}", Status).WithName("GetBatch").WithSummary("A batch job's progress and results").Produces<JsonElement>(StatusCodes.Status200OK, Json).Problems(404),
        };
        foreach (var endpoint in endpoints)
        {
            endpoint.RequireAuthorization(InstitutionClaims.IssuerPolicy).WithTags("Issuing");
        }

        return endpoints;
    }

    /// <summary>The JSON of a document as the API answers it.</summary>
    public static object View(IssuedRecord document) => new
    {
        id = document.Id,
        institution = document.Institution.ToString(),
        kind = document.Kind,
        state = document.State.ToString().ToLowerInvariant(),
        issuedAt = document.IssuedAt,
        qrText = document.QrText,
        pdf = $"{DocumentsPath}/{Uri.EscapeDataString(document.Id)}/pdf",
    };

    private static async Task<IResult> IssueAsync(HttpContext context, DocumentIssuing issuing, IssuingAddresses addresses)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return IssuingProblems.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-input", "send the request as application/json.");
        }

        var body = await ReadAsync(context.Request, DocumentIssuing.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return IssuingProblems.Of(StatusCodes.Status413PayloadTooLarge, "too-large", $"a request is at most {DocumentIssuing.MaxRequestBytes / 1024} KiB.");
        }

        var outcome = issuing.Issue(body, context.User, addresses.BaseFor(context));
        if (!outcome.Succeeded)
        {
            return IssuingProblems.Of(outcome);
        }

        var view = View(outcome.Document!);
        return outcome.Status == StatusCodes.Status201Created
            ? Results.Created($"{DocumentsPath}/{Uri.EscapeDataString(outcome.Document!.Id)}", view)
            : Results.Ok(view);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IssuingStore store)
    {
        // A document number is personal data: it comes in the body (a URL's query would reach the access logs).
        string? number = null;
        if (IsJson(context.Request.ContentType) && await ReadAsync(context.Request, 4096, context.RequestAborted).ConfigureAwait(false) is { } body)
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                number = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("number", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
            }
            catch (System.Text.Json.JsonException)
            {
                number = null;
            }
        }

        if (string.IsNullOrWhiteSpace(number) || number.Length > 100)
        {
            return IssuingProblems.Of(StatusCodes.Status422UnprocessableEntity, "bad-number", "send {\"number\": \"…\"} as application/json: the document number (or jti) to look for, at most 100 characters.");
        }

        return Results.Ok(store.Search(InstitutionClaims.Of(context.User), number.Trim()).Select(View));
    }

    private static IResult Get(string id, ClaimsPrincipal user, IssuingStore store) =>
        Visible(store, id, user) is { } document ? Results.Ok(View(document)) : NotFound();

    private static IResult Pdf(string id, string? lang, ClaimsPrincipal user, IssuingStore store, TimeProvider time)
    {
        if (Visible(store, id, user) is not { } document || store.Documents.FindDocument(id) is not { } recorded)
        {
            return NotFound();
        }

        var labels = DocumentLabels.TryGet(lang ?? DocumentLabels.DefaultLanguage, out var chosen) ? chosen : DocumentLabels.Get(DocumentLabels.DefaultLanguage);
        var pdf = DocumentPdf.Create(recorded.Payload.Document, document.QrText, labels, time.GetUtcNow());
        return Results.File(pdf, "application/pdf", $"{document.Id}.pdf");
    }

    private static IResult Change(DocumentStatusChanges changes, string id, StatusAction action, ClaimsPrincipal user)
    {
        var outcome = changes.Change(id, action, user);
        return outcome.Succeeded ? Results.Ok(View(outcome.Document!)) : IssuingProblems.Of(outcome);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, BatchJobs jobs, IssuingAddresses addresses)
    {
        var type = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var format = type switch
        {
            "application/jsonl" or "application/x-ndjson" or "application/x-jsonlines" => "jsonl",
            "text/csv" => "csv",
            _ => null,
        };
        if (format is null)
        {
            return IssuingProblems.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-input", "send the batch file as application/jsonl (JSON Lines) or text/csv, as the CLI's batch reads it.");
        }

        var body = await ReadAsync(context.Request, BatchJobs.MaxUploadBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return IssuingProblems.Of(StatusCodes.Status413PayloadTooLarge, "too-large", $"a batch file is at most {BatchJobs.MaxUploadBytes / (1024 * 1024)} MiB.");
        }

        var submission = jobs.Submit(body, format, context.User, addresses.BaseFor(context));
        if (submission.JobId is not { } jobId)
        {
            return IssuingProblems.Of(submission.Status, submission.Code, submission.Detail);
        }

        var status = $"{BatchesPath}/{jobId}";
        return Results.Accepted(status, new { id = jobId, status });
    }

    private static IResult Status(string id, ClaimsPrincipal user, BatchJobs jobs)
    {
        if (jobs.Find(id, user) is not { } job)
        {
            return IssuingProblems.Of(StatusCodes.Status404NotFound, "no-batch", "there is no batch job with this id among those you may see.");
        }

        return Results.Ok(new
        {
            id = job.Id,
            state = job.FinishedAt is null ? "running" : "finished",
            createdAt = job.CreatedAt,
            finishedAt = job.FinishedAt,
            total = job.Items.Count,
            issued = job.Issued,
            failed = job.Failed,
            pending = job.Pending,
            results = job.Items.Select(item => new
            {
                line = item.Line,
                state = item.State,
                id = item.State == "issued" ? item.Id : null,
                document = item.State == "issued" ? $"{DocumentsPath}/{Uri.EscapeDataString(item.Id!)}" : null,
                pdf = item.State == "issued" ? $"{DocumentsPath}/{Uri.EscapeDataString(item.Id!)}/pdf" : null,
                problems = item.Problems,
            }),
        });
    }

    private static IssuedRecord? Visible(IssuingStore store, string id, ClaimsPrincipal user) =>
        store.Find(id) is { } document && InstitutionClaims.Allows(user, document.Institution) ? document : null;

    private static IResult NotFound() => IssuingProblems.Of(StatusCodes.Status404NotFound, "no-document", "there is no document with this id among those you may see.");

    private static bool IsJson(string? contentType) =>
        contentType?.Split(';')[0].Trim() is { } type && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellation)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
