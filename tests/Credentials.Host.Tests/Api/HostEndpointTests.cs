using System.Net;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// What the host serves besides verification: security headers on every answer, health, the OpenAPI description,
/// the resolver, the revocation lists and the token status lists at their addresses with their media types,
/// ETags and cache rules.
/// </summary>
public sealed class HostEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("/verify")]
    [InlineData("/api/v1/issuers")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await Client.GetAsync(path);
        var headers = response.Headers;
        var csp = string.Join(' ', headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        Assert.False(headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    [Fact]
    public async Task Health_is_live_and_ready_on_current_trust_data()
    {
        using var live = await Client.GetAsync("/health/live");
        using var ready = await Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_description_names_the_verify_API_and_the_resolver_but_no_page()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        var names = paths.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/verify", names);
        Assert.Contains("/api/v1/issuers", names);
        Assert.DoesNotContain("/verify", names);
        var verify = paths.GetProperty("/api/v1/verify").GetProperty("post");
        var body = verify.GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("application/pdf", out _));
        Assert.True(body.TryGetProperty("multipart/form-data", out _));
        var answers = verify.GetProperty("responses");
        Assert.True(answers.GetProperty("200").GetProperty("content").TryGetProperty("application/pdf", out _));
        Assert.True(answers.TryGetProperty("422", out _));
    }

    [Fact]
    public async Task The_resolver_serves_the_registry_with_an_ETag_and_answers_304_to_it()
    {
        using var first = await Client.GetAsync("/api/v1/issuers");
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        Assert.Contains("BE", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/issuers");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_revocation_list_is_served_byte_for_byte_as_application_jwt_with_its_ETag_and_cache_rule()
    {
        using var response = await Client.GetAsync("/revocation/BE-0120/prc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jwt", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(File.ReadAllBytes(fixture.Scenario.RevocationListFile), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/revocation/BE-0120/prc");
        request.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var again = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("/revocation/BE-0120/missing")]
    [InlineData("/revocation/..%2F..%2Fregistry.db")]
    [InlineData("/revocation/BE-0120/.hidden")]
    [InlineData("/revocation/../registry.db")]
    public async Task No_request_reaches_a_file_outside_the_lists(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_token_status_list_of_the_issuers_store_is_served_at_its_uri_as_JWT_or_CWT_by_the_Accept_header()
    {
        // The issuer's own database, in the data folder, with one list published (as the wallet issuer does).
        var database = Path.Combine(fixture.Scenario.DataFolder, "status-lists.db");
        using (var store = SqliteStatusListStore.Open(database, fixture.Scenario.Clock))
        {
            var issuer = new StatusListIssuer(store, new StatusListIssuerOptions { BaseAddress = new Uri("http://localhost/status/") }, fixture.Scenario.Clock);
            var entry = issuer.Allocate(Credentials.Issuance.Demo.DemoScenario.Institution, "credential-1");
            Assert.Equal("http://localhost/status/BE-0120/1", entry.List.ToString());
        }

        // The host opens the store it finds at start; a host started now serves what the issuer publishes.
        using var factory = new HostFactory(fixture.Scenario.Settings(new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = "http://localhost/" }));
        using var client = factory.CreateClient();
        using (var unpublished = await client.GetAsync("/status/BE-0120/1"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        }

        StatusListPublication publication;
        using (var store = SqliteStatusListStore.Open(database, fixture.Scenario.Clock))
        {
            var issuer = new StatusListIssuer(store, new StatusListIssuerOptions { BaseAddress = new Uri("http://localhost/status/") }, fixture.Scenario.Clock);
            publication = issuer.Publish(new Uri("http://localhost/status/BE-0120/1"), fixture.Scenario.Pki.Signer);
        }

        using var jwt = await client.GetAsync("/status/BE-0120/1");
        Assert.Equal(HttpStatusCode.OK, jwt.StatusCode);
        Assert.Equal(StatusListTokenFormat.JwtMediaType, jwt.Content.Headers.ContentType!.MediaType);
        Assert.Equal(publication.Jwt, await jwt.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=300", jwt.Headers.CacheControl!.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/BE-0120/1");
        request.Headers.Accept.ParseAdd("application/statuslist+jwt;q=0.5, application/statuslist+cwt");
        using var cwt = await client.SendAsync(request);
        Assert.Equal(StatusListTokenFormat.CwtMediaType, cwt.Content.Headers.ContentType!.MediaType);
        Assert.Equal(publication.Cwt, await cwt.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(jwt.Headers.ETag, cwt.Headers.ETag);

        using var refused = new HttpRequestMessage(HttpMethod.Get, "/status/BE-0120/1");
        refused.Headers.Accept.ParseAdd("text/html");
        using var notAcceptable = await client.SendAsync(refused);
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
    }

    [Fact]
    public async Task A_signed_status_list_file_of_the_folder_is_served_in_the_form_asked_for()
    {
        var folder = Path.Combine(fixture.Scenario.DataFolder, "publish", "status", "BE-0306");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "7.jwt"), "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        await File.WriteAllBytesAsync(Path.Combine(folder, "7.cwt"), [0xD2, 0x84, 0x43]);
        using var jwt = await Client.GetAsync("/status/BE-0306/7");
        Assert.Equal(StatusListTokenFormat.JwtMediaType, jwt.Content.Headers.ContentType!.MediaType);
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", await jwt.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status/BE-0306/7");
        request.Headers.Accept.ParseAdd(StatusListTokenFormat.CwtMediaType);
        using var cwt = await Client.SendAsync(request);
        Assert.Equal([0xD2, 0x84, 0x43], await cwt.Content.ReadAsByteArrayAsync());
    }
}
