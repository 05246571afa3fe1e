using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.Pages;

/// <summary>
/// The pages' files (the stylesheet, the camera scan's script, the QR reader from npm with its licence), embedded in
/// this assembly and served from the host's own address at <c>/assets/…</c>: nothing is loaded from elsewhere. Each
/// URL carries a digest of its content, so a file is cached for a year and a new build is fetched at once.
/// </summary>
internal static class HostAssets
{
    public const string PathPrefix = "/assets/";

    private const string ResourcePrefix = "Credentials.Host.wwwroot.";

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    /// <summary>The URL of a file, e.g. <c>/assets/site.css?v=1a2b…</c>.</summary>
    public static string Url(string name) => All.Value.TryGetValue(name, out var asset)
        ? $"{PathPrefix}{name}?v={asset.Version}"
        : throw new InvalidOperationException($"there is no embedded asset '{name}'.");

    /// <summary>The names of the files served.</summary>
    public static IEnumerable<string> Names => All.Value.Keys;

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(PathPrefix + "{**name}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string name) =>
        {
            if (!All.Value.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.CacheControl = context.Request.Query["v"] == asset.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
            if (context.Request.Headers.IfNoneMatch == asset.ETag)
            {
                headers.ETag = asset.ETag;
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(asset.ETag));
        });

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var digest = Convert.ToHexStringLower(SHA256.HashData(content));
            assets[name] = new Asset(content, ContentType(name), digest[..16], $"\"{digest[..32]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };

    private sealed record Asset(byte[] Content, string ContentType, string Version, string ETag);
}
