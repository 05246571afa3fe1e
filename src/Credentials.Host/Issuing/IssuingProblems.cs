using Credentials.Host.Verify;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Issuing;

/// <summary>The insurer API's refusals as RFC 9457 problem details: a stable <c>type</c> and <c>code</c>, and for a request's rules an <c>errors</c> list naming each problem's field.</summary>
internal static class IssuingProblems
{
    /// <summary>The problem of a refused issue or status change.</summary>
    public static IResult Of(IssueOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var extensions = new Dictionary<string, object?> { ["code"] = outcome.Code };
        if (outcome.Problems.Count > 0)
        {
            // RFC 9457 §3.2: an extension member listing every problem, each with the request field it is about.
            extensions["errors"] = outcome.Problems.Select(p => new { field = p.Field, code = p.Code, detail = p.Text.ToString() }).ToList();
        }

        return Results.Problem(detail: outcome.Detail, statusCode: outcome.Status, title: Title(outcome.Status, outcome.Code), type: VerifyProblems.TypePrefix + outcome.Code, extensions: extensions);
    }

    /// <summary>A problem without field problems.</summary>
    public static IResult Of(int status, string code, string detail) => Of(IssueOutcome.Refused(status, code, detail));

    /// <summary>A title that says what is wrong: for a conflict, which one (RFC 9457 §3.1.3: the same for every occurrence of a type).</summary>
    private static string Title(int status, string code) => (status, code) switch
    {
        (StatusCodes.Status409Conflict, "no-signing-key") => "No signing key for this institution",
        (StatusCodes.Status409Conflict, "jti-taken") => "This jti is taken",
        (StatusCodes.Status409Conflict, "state-conflict") => "Not possible in the document's state",
        (StatusCodes.Status409Conflict, "document-revoked") => "The document is revoked",
        (StatusCodes.Status403Forbidden, _) => "Not allowed for this institution",
        (StatusCodes.Status404NotFound, _) => "Not found",
        (StatusCodes.Status409Conflict, _) => "In conflict with what is stored",
        (StatusCodes.Status413PayloadTooLarge, _) => "Too large",
        (StatusCodes.Status415UnsupportedMediaType, _) => "Unsupported media type",
        (StatusCodes.Status422UnprocessableEntity, "no-wallet-credential") => "No wallet credential for this kind of document",
        _ => "The request has problems",
    };
}
