using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Accounts;

/// <summary>
/// The answers to a caller who is not signed in or may not act (RFC 9457 problem details): the same words whatever
/// was wrong (no key, an unknown one, a wrong secret, expired, revoked), so a guess learns nothing.
/// </summary>
internal static class AuthenticationProblems
{
    /// <summary>401: not signed in.</summary>
    public static IResult Unauthenticated() => Results.Problem(
        detail: "this request needs a valid API key, as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>', or a signed-in account.",
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Authentication required",
        type: Verify.VerifyProblems.TypePrefix + "unauthenticated",
        extensions: new Dictionary<string, object?> { ["code"] = "unauthenticated" });

    /// <summary>403: signed in, but not for this.</summary>
    public static IResult Forbidden() => Results.Problem(
        detail: "this key or account may not do this: it acts for no institution this request needs.",
        statusCode: StatusCodes.Status403Forbidden,
        title: "Forbidden",
        type: Verify.VerifyProblems.TypePrefix + "forbidden",
        extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });
}
