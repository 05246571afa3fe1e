using System.Text;
using Credentials.Host.Configuration;
using Credentials.Host.Issuing;
using Credentials.Revocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Publishing;

/// <summary>
/// The revocation lists (specs/revocation-list.md) at <c>{Path}/…</c>, as <c>application/jwt</c>: the lists the
/// issuing hosts signed, from the issuer database they share (so every host serves the latest, whichever signed it),
/// else the files <c>credentials revoke</c> signs, from the configured folder, byte for byte. A document's <c>rid</c>
/// names one of these addresses. A file that is not a compact JWS is not served.
/// </summary>
internal static class RevocationListEndpoints
{
    public const string MediaType = "application/jwt";

    private static readonly string[] Extensions = ["", ".jwt"];

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, RevocationOptions options, PublishedFolder folder, IssuingStore? store) =>
        endpoints.MapMethods(options.Path.TrimEnd('/') + "/{**name}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, string name) =>
        {
            var key = name.EndsWith(".jwt", StringComparison.Ordinal) ? name[..^4] : name;
            if (store?.RevocationList(key) is { } signed)
            {
                var content = Encoding.ASCII.GetBytes(signed.Jwt);
                var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..32] + "\"";
                return ListResponses.Serve(context, content, MediaType, etag, signed.IssuedAt, options.MaxAge);
            }

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
