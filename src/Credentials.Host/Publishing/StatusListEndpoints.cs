using Credentials.Host.Configuration;
using Credentials.Wallet.StatusLists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Credentials.Host.Publishing;

/// <summary>
/// Token status lists (draft-ietf-oauth-status-list §8) at their <c>uri</c>, <c>{Path}/…</c>: the issuer's latest
/// publication from the status list database (the address is the public base URL and the request path, as the
/// credentials' <c>uri</c> holds it), else a signed file of the configured folder (<c>a/b.jwt</c>, <c>a/b.cwt</c>).
/// §8.1: the JWT form as <c>application/statuslist+jwt</c> unless the Accept header prefers
/// <c>application/statuslist+cwt</c>; a list is cached no longer than configured, nor past the token's <c>exp</c>.
/// </summary>
internal static class StatusListEndpoints
{
    private static readonly string[] JwtExtensions = [".jwt", ""];
    private static readonly string[] CwtExtensions = [".cwt"];

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, StatusListOptions options, PublishedFolder folder, IStatusListStore? store, PublicAddress publicAddress, TimeProvider time) =>
        endpoints.MapMethods(options.Path.TrimEnd('/') + "/{**name}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, string name) =>
        {
            var form = Negotiate(context.Request.Headers.Accept);
            if (form is null)
            {
                return Results.Problem("a status list is served as application/statuslist+jwt or application/statuslist+cwt: accept one of them.", statusCode: StatusCodes.Status406NotAcceptable);
            }

            var cwt = form == StatusListTokenFormat.CwtMediaType;
            if (store is not null && Uri.TryCreate(publicAddress.Resolve(context), context.Request.Path.Value!.TrimStart('/'), out var uri))
            {
                var publication = store.LatestPublication(uri);
                if (publication is not null)
                {
                    var content = cwt ? publication.Cwt : System.Text.Encoding.ASCII.GetBytes(publication.Jwt);
                    var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..32] + "\"";
                    var untilExpiry = publication.ExpiresAt - time.GetUtcNow();
                    return ListResponses.Serve(context, content, form, etag, publication.IssuedAt, untilExpiry < options.MaxAge ? untilExpiry : options.MaxAge);
                }
            }

            var file = await folder.FindAsync(name, cwt ? CwtExtensions : JwtExtensions, context.RequestAborted).ConfigureAwait(false);
            return file is null
                ? Results.Problem("there is no status list at this address.", statusCode: StatusCodes.Status404NotFound)
                : ListResponses.Serve(context, file.Content, form, file.ETag, file.WrittenAt, options.MaxAge);
        });

    /// <summary>The form the client prefers: JWT unless CWT has a higher quality; null when neither is acceptable.</summary>
    private static string? Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return StatusListTokenFormat.JwtMediaType;
        }

        double Quality(string type)
        {
            var candidate = new MediaTypeHeaderValue(type);
            return ranges.Where(candidate.IsSubsetOf).Select(r => r.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        }

        var jwt = Quality(StatusListTokenFormat.JwtMediaType);
        var cwt = Quality(StatusListTokenFormat.CwtMediaType);
        if (jwt <= 0 && cwt <= 0)
        {
            return null;
        }

        return cwt > jwt ? StatusListTokenFormat.CwtMediaType : StatusListTokenFormat.JwtMediaType;
    }
}
