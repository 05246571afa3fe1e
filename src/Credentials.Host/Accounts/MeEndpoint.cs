using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Accounts;

/// <summary>
/// <c>GET /api/v1/me</c>: who the caller is, for an integrator checking its key before it issues anything: the key's
/// (or account's) name and the institutions it may issue and revoke for. Needs the <see cref="InstitutionClaims.IssuerPolicy"/>.
/// </summary>
internal static class MeEndpoint
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/api/v1/me";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context) => Results.Json(Describe(context.User)))
            .RequireAuthorization(InstitutionClaims.IssuerPolicy)
            .WithName("Me")
            .WithTags("Accounts")
            .WithSummary("Who the caller is: its name and the institutions it may issue and revoke for")
            .Produces<MeResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static MeResponse Describe(ClaimsPrincipal user)
    {
        var keyId = user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        return new MeResponse(
            user.Identity?.Name ?? string.Empty,
            keyId is null ? "account" : "api-key",
            keyId,
            InstitutionClaims.Of(user));
    }
}
