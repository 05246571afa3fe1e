using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Verify;

/// <summary>
/// The problems of the verify API as RFC 9457 problem details: a stable <c>type</c> per problem
/// (<c>urn:credentials:problem:no-qr-code</c> …, also as the extension member <c>code</c>), its HTTP status, a short
/// title, and the one-line <c>detail</c> that says what is wrong with the input (never quoting it).
/// </summary>
internal static class VerifyProblems
{
    public const string TypePrefix = "urn:credentials:problem:";

    /// <summary>The HTTP status, the type's last part and the title of a problem.</summary>
    public static (int Status, string Code, string Title) Describe(VerifyProblem problem) => problem switch
    {
        VerifyProblem.EmptyInput => (StatusCodes.Status400BadRequest, "empty-input", "Nothing to verify"),
        VerifyProblem.TwoInputs => (StatusCodes.Status400BadRequest, "two-inputs", "Two inputs"),
        VerifyProblem.TooLarge => (StatusCodes.Status413PayloadTooLarge, "too-large", "Input too large"),
        VerifyProblem.UnsupportedInput => (StatusCodes.Status415UnsupportedMediaType, "unsupported-input", "Unsupported input"),
        VerifyProblem.CompactJws => (StatusCodes.Status422UnprocessableEntity, "compact-jws", "A token, not its QR code"),
        VerifyProblem.Unreadable => (StatusCodes.Status422UnprocessableEntity, "unreadable", "Input cannot be read"),
        VerifyProblem.NoQrCode => (StatusCodes.Status422UnprocessableEntity, "no-qr-code", "No QR code found"),
        VerifyProblem.TooManyCodes => (StatusCodes.Status422UnprocessableEntity, "too-many-codes", "Too many QR codes"),
        VerifyProblem.BadTreatmentDate => (StatusCodes.Status400BadRequest, "bad-treatment-date", "Bad treatment date"),
        VerifyProblem.BadLanguage => (StatusCodes.Status400BadRequest, "bad-language", "Unknown language"),
        VerifyProblem.BadForm => (StatusCodes.Status400BadRequest, "bad-form", "Form not accepted"),
        VerifyProblem.BadNonce => (StatusCodes.Status400BadRequest, "bad-nonce", "Nonce not accepted"),
        VerifyProblem.FormNotOffered => (StatusCodes.Status406NotAcceptable, "not-acceptable", "Not acceptable"),
        VerifyProblem.IncompleteBody => (StatusCodes.Status400BadRequest, "incomplete-body", "Request body cut short"),
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };

    public static IResult Result(VerifyProblem problem, string detail)
    {
        var (status, code, title) = Describe(problem);
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypePrefix + code, extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    /// <summary>406: neither JSON nor PDF is acceptable to the client.</summary>
    public static IResult NotAcceptable() => Results.Problem(
        detail: "the report is served as application/json (the verification export) or application/pdf (its PDF form): accept one of them.",
        statusCode: StatusCodes.Status406NotAcceptable,
        title: "Not acceptable",
        type: TypePrefix + "not-acceptable",
        extensions: new Dictionary<string, object?> { ["code"] = "not-acceptable" });
}
