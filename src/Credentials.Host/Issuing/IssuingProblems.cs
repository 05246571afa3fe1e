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

        return Results.Problem(detail: outcome.Detail, statusCode: outcome.Status, title: Title(outcome.Status), type: VerifyProblems.TypePrefix + outcome.Code, extensions: extensions);
    }

    /// <summary>A problem without field problems.</summary>
    public static IResult Of(int status, string code, string detail) => Of(IssueOutcome.Refused(status, code, detail));

    private static string Title(int status) => status switch
    {
        StatusCodes.Status403Forbidden => "Not allowed for this institution",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "The request has problems",
    };
}
