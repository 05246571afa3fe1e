using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Host.Tests.Support;
using Credentials.Trust;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// The host as an operator configures it: HTTPS with a certificate (and HSTS), the opt-out for a TLS proxy, per-client
/// rate limits and their exemption for a trusted network, the trust-age warning, and the registry sync on a schedule.
/// </summary>
public sealed class OperationTests : IDisposable
{
    private readonly HostScenario scenario = new();

    [Fact]
    public async Task With_a_certificate_the_host_serves_HTTPS_with_HSTS()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(scenario.DataFolder, "tls.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));

        var app = await CredentialsHost.BuildAsync(scenario.Settings(
            new Dictionary<string, string?> { ["Kestrel:Certificates:Default:Path"] = pfx, ["Kestrel:Certificates:Default:Password"] = "test-password" },
            ["https://127.0.0.1:0"]));
        await using (app)
        {
            await ServerHost.StartAsync(app);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var client = new HttpClient(handler);
            using var response = await client.GetAsync(new Uri(app.Urls.First().TrimEnd('/') + "/health/live"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Behind_a_TLS_terminating_proxy_the_documented_opt_out_allows_plain_HTTP_on_every_address()
    {
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(urls: ["http://0.0.0.0:0"])));
        Assert.Contains("Credentials:Proxy:TlsTerminated=true", refused.Message, StringComparison.Ordinal);
        var app = await CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Proxy:TlsTerminated"] = "true" }, ["http://0.0.0.0:0"]));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Requests_past_the_per_client_limit_get_429_with_Retry_After_and_health_is_never_limited()
    {
        using var factory = new HostFactory(scenario.Settings(new Dictionary<string, string?> { ["Credentials:RateLimits:PermitLimit"] = "3" }));
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.GetAsync("/api/v1/issuers");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.GetAsync("/api/v1/issuers");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        using var health = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_trusted_integrations_network_is_exempt_from_the_limit()
    {
        await using var host = await KestrelHost.StartAsync(scenario, new Dictionary<string, string?> { ["Credentials:RateLimits:PermitLimit"] = "2", ["Credentials:RateLimits:Exempt:0"] = "127.0.0.0/8" });
        using var client = new HttpClient();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(host.Url("api/v1/issuers"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Trust_data_that_grows_old_is_warned_about_in_the_log_and_makes_the_host_unready()
    {
        using var factory = new HostFactory(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Trust:CheckInterval"] = "00:10:00" }));
        using var client = factory.CreateClient();
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var before = LogCapture.Lines.Count(l => l.Contains("Trust data stale", StringComparison.Ordinal));
        scenario.Clock.Advance(TimeSpan.FromHours(25));

        // The monitor may not be waiting on the clock yet when it is advanced (a busy machine starts it late): each
        // look moves the clock one check interval on, so the monitor's next check always comes.
        Assert.True(
            await Eventually(() =>
            {
                var warned = LogCapture.Lines.Count(l => l.Contains("Trust data stale", StringComparison.Ordinal) && l.Contains("more than 24", StringComparison.Ordinal)) > before;
                if (!warned)
                {
                    scenario.Clock.Advance(TimeSpan.FromMinutes(10));
                }

                return warned;
            }),
            "no stale warning after 25 hours");
        using (var degraded = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
            Assert.Equal("Degraded", await degraded.Content.ReadAsStringAsync());
        }

        scenario.Clock.Advance(TimeSpan.FromDays(7));
        using var unready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
    }

    [Fact]
    public async Task A_scheduled_sync_fills_a_new_registry_from_a_resolver_and_the_verifier_uses_it()
    {
        using var resolver = new LoopbackHttpServer();
        resolver.Serve("api/v1/issuers", () => System.Text.Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString([scenario.Pki.Issuer])));
        File.Delete(Path.Combine(scenario.DataFolder, "registry.db"));
        using var factory = new HostFactory(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Sync:From"] = resolver.Url("/").ToString() }));
        using var client = factory.CreateClient();
        Assert.True(await Eventually(async () => (await client.GetStringAsync("/api/v1/issuers")).Contains("0120", StringComparison.Ordinal)), "the sync did not fill the registry");
        var issued = scenario.IssuePrc();
        using var response = await client.PostAsync("/api/v1/verify", new StringContent(issued.QrText));
        using var export = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Approved", export.RootElement.GetProperty("conclusion").GetString());
        Assert.Contains(LogCapture.Lines, l => l.Contains("Registry sync from", StringComparison.Ordinal) && l.Contains("Updated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_Kestrel_refuses_midway_is_answered_as_a_problem_and_logged_without_an_exception()
    {
        await using var host = await KestrelHost.StartAsync(scenario);
        var before = LogCapture.Lines.Count;
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(host.Address.Host, host.Address.Port);

        // A chunked verify body whose second chunk size is not hexadecimal: Kestrel refuses the body while the endpoint
        // reads it, as it does a body that ends before its Content-Length.
        var request = "POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "a\r\nAAAAAAAAAA\r\nzz\r\n";
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(request));
        var answer = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                answer.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }
        catch (System.Net.Sockets.SocketException) when (answer.Count > 0)
        {
            // Kestrel may reset the connection after its answer.
        }

        var text = System.Text.Encoding.UTF8.GetString([.. answer]);
        Assert.StartsWith("HTTP/1.1 400", text, StringComparison.Ordinal);
        Assert.Contains("incomplete-body", text, StringComparison.Ordinal);
        Assert.DoesNotContain(LogCapture.Lines.Skip(before), l => (l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))
            && l.Contains("BadHttpRequestException", StringComparison.Ordinal));
    }

    private static async Task<bool> Eventually(Func<bool> condition) => await Eventually(() => Task.FromResult(condition()));

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public void Dispose() => scenario.Dispose();
}
