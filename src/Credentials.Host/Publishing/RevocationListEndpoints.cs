using System.Text;
using Credentials.Host.Configuration;
using Credentials.Revocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Publishing;

/// <summary>
/// The revocation lists (specs/revocation-list.md) at <c>{Path}/…</c>: the files <c>credentials revoke</c> signs, from
/// the configured folder, byte for byte, as <c>application/jwt</c>. A document's <c>rid</c> names one of these
/// addresses. A file that is not a compact JWS is not served.
/// </summary>
internal static class RevocationListEndpoints
{
    public const string MediaType = "application/jwt";

    private static readonly string[] Extensions = ["", ".jwt"];

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, RevocationOptions options, PublishedFolder folder) =>
        endpoints.MapMethods(options.Path.TrimEnd('/') + "/{**name}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, string name) =>
        {
            var file = await folder.FindAsync(name, Extensions, context.RequestAborted).ConfigureAwait(false);
            if (file is null || !LooksLikeCompactJws(file.Content))
            {
                return Results.Problem("there is no revocation list at this address.", statusCode: StatusCodes.Status404NotFound);
            }

            return ListResponses.Serve(context, file.Content, MediaType, file.ETag, file.WrittenAt, options.MaxAge);
        });

    /// <summary>RFC 7515 §7.1: three base64url parts separated by two dots (and a trailing line end, as files have).</summary>
    private static bool LooksLikeCompactJws(byte[] content)
    {
        var text = Encoding.ASCII.GetString(content).TrimEnd('\r', '\n');
        return text.Length is > 10 and <= RevocationListFormat.MaxListBytes && text.Count(c => c == '.') == 2
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }
}
