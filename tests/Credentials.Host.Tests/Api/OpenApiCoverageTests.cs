using System.Text.Json;
using Credentials.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// The OpenAPI description (<c>/openapi/v1.json</c>) against what the host really maps: every endpoint under
/// <c>/api</c> in the application's endpoint data source is described with its method, and each operation names the
/// media types of its answers (and of its request body, when it reads one). The wallet presentation, its nonce and
/// the schema 2.0 answer of <c>POST /api/v1/verify</c> are described.
/// </summary>
public sealed class OpenApiCoverageTests
{
    /// <summary>The API operations whose handlers read a request body.</summary>
    private static readonly HashSet<string> ReadsABody = ["POST /api/v1/verify", "POST /api/v1/documents", "POST /api/v1/documents/search", "POST /api/v1/batches", "POST /api/v1/offers"];

    [Fact]
    public async Task Every_API_endpoint_the_host_maps_is_described_with_its_media_types()
    {
        using var scenario = new HostScenario();
        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(CredentialsHost.OpenApiPath, UriKind.Relative))).RootElement;
        var paths = document.GetProperty("paths");

        var mapped = factory.App!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m != "HEAD").Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();
        Assert.NotEmpty(mapped);
        var problems = new List<string>();
        foreach (var (path, method) in mapped)
        {
            // A group's root ("/api/v1/offers/") is described without its closing '/'.
            var described = path.Length > 1 ? path.TrimEnd('/') : path;
            if (!paths.TryGetProperty(described, out var item) || !item.TryGetProperty(method, out var operation))
            {
                problems.Add($"{method.ToUpperInvariant()} {path}: not described");
                continue;
            }

            if (!operation.GetProperty("responses").EnumerateObject().Any(a => a.Name.StartsWith('2') && a.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any()))
            {
                problems.Add($"{method.ToUpperInvariant()} {path}: no media type of a successful answer");
            }

            var readsBody = ReadsABody.Contains($"{method.ToUpperInvariant()} {described}");
            var body = operation.TryGetProperty("requestBody", out var request) && request.TryGetProperty("content", out var accepted) && accepted.EnumerateObject().Any();
            if (readsBody != body)
            {
                problems.Add($"{method.ToUpperInvariant()} {path}: {(readsBody ? "no media type of its request body" : "a request body it does not read")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_verify_API_describes_wallet_presentations_their_nonce_and_both_export_schemas()
    {
        using var scenario = new HostScenario();
        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        var paths = JsonDocument.Parse(await client.GetStringAsync(new Uri(CredentialsHost.OpenApiPath, UriKind.Relative))).RootElement.GetProperty("paths");

        var verify = paths.GetProperty("/api/v1/verify").GetProperty("post");
        var text = verify.GetProperty("requestBody").GetProperty("content").GetProperty("text/plain").GetProperty("schema").GetRawText();
        Assert.Contains("SD-JWT", text, StringComparison.Ordinal);
        Assert.Contains(verify.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "nonce" && p.GetProperty("in").GetString() == "query");
        var form = verify.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        Assert.True(form.TryGetProperty("nonce", out _));
        var answer = verify.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText();
        Assert.Contains("credentials:verification-export:1.0", answer, StringComparison.Ordinal);
        Assert.Contains("credentials:verification-export:2.0", answer, StringComparison.Ordinal);

        var nonce = paths.GetProperty("/api/v1/verify/nonce").GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["audience", "expiresAt", "nonce"], nonce.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("date-time", nonce.GetProperty("properties").GetProperty("expiresAt").GetProperty("format").GetString());
    }
}
