using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Publishing;

/// <summary>The HTTP side of a served list: its media type, ETag, Last-Modified, Cache-Control, and 304 for a match (RFC 9110 §13.1.2).</summary>
internal static class ListResponses
{
    public static IResult Serve(HttpContext context, byte[] content, string mediaType, string etag, DateTimeOffset? lastModified, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)Math.Max(0, maxAge.TotalSeconds)}");
        headers.Vary = "Accept";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(content, mediaType, lastModified: lastModified, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
    }
}
