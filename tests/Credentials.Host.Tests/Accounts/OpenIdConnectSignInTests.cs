using System.Net;
using Credentials.Host.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// People signing in at the operator's OpenID provider, one the tests start on 127.0.0.1 (<see cref="TestOpenIdProvider"/>),
/// with the host on a real Kestrel and a client that follows redirects and keeps cookies as a browser does: from
/// <c>/signin</c> to the provider and back, landing signed in with the institutions of the configured claim only.
/// </summary>
public sealed class OpenIdConnectSignInTests : IDisposable
{
    private readonly HostScenario scenario = new();

    [Fact]
    public async Task Signing_in_at_the_provider_lands_on_the_page_asked_for_with_the_institutions_of_the_configured_claim()
    {
        await using var provider = await TestOpenIdProvider.StartAsync(["BE:0120", "BE:0121", "not an institution"]);
        await using var host = await StartHostAsync(provider);
        using var browser = Browser();

        var signInPage = await browser.GetStringAsync(host.Url("/signin?returnUrl=%2Fsignout"));
        Assert.Contains("Sign in with Our insurer&#x27;s sign-in", signInPage, StringComparison.Ordinal);
        using var landed = await browser.GetAsync(host.Url("/signin/oidc?returnUrl=%2Fsignout"));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(host.Url("/signout"), landed.RequestMessage?.RequestUri);
        Assert.Equal(1, provider.SignIns);
        Assert.Equal($"{TestOpenIdProvider.UserName} for BE:0120, BE:0121", await SignedInAsync(browser, host));
    }

    [Fact]
    public async Task A_provider_that_refuses_the_host_leaves_the_person_signed_out_on_the_sign_in_page()
    {
        await using var provider = await TestOpenIdProvider.StartAsync(["BE:0120"]);
        await using var host = await StartHostAsync(provider, clientSecret: "not the secret");
        using var browser = Browser();
        using var landed = await browser.GetAsync(host.Url("/signin/oidc?returnUrl=%2Fsignout"));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/signin", landed.RequestMessage?.RequestUri?.AbsolutePath);
        Assert.Null(await SignedInAsync(browser, host));
        Assert.DoesNotContain(LogCapture.Lines, line => line.Contains("not the secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_provider_configured_there_is_no_OpenID_Connect_way_in()
    {
        await using var host = await KestrelHost.StartAsync(scenario);
        using var browser = Browser();
        using var response = await browser.GetAsync(host.Url("/signin/oidc"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("signin-oidc", await browser.GetStringAsync(host.Url("/signin")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_OpenID_Connect_section_stops_the_start_with_one_line()
    {
        var noClient = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Accounts:OpenIdConnect:Authority"] = "https://login.example/" })));
        Assert.Equal("Credentials:Accounts:OpenIdConnect:ClientId: give this host's client id at the provider.", noClient.Message);
        var plain = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Accounts:OpenIdConnect:Authority"] = "http://login.example/", ["Credentials:Accounts:OpenIdConnect:ClientId"] = "c" })));
        Assert.StartsWith("Credentials:Accounts:OpenIdConnect:Authority: 'http://login.example/' is not an https address", plain.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The host on the system clock: the sign-in's correlation cookies carry an expiry a real cookie jar checks
    /// against the real time, and the provider's tokens are stamped with it.
    /// </summary>
    private async Task<RunningHost> StartHostAsync(TestOpenIdProvider provider, string clientSecret = TestOpenIdProvider.ClientSecret)
    {
        var settings = scenario.Settings(
            new Dictionary<string, string?>
            {
                ["Credentials:Accounts:OpenIdConnect:Authority"] = provider.Authority.ToString(),
                ["Credentials:Accounts:OpenIdConnect:ClientId"] = TestOpenIdProvider.ClientId,
                ["Credentials:Accounts:OpenIdConnect:ClientSecret"] = clientSecret,
                ["Credentials:Accounts:OpenIdConnect:InstitutionClaim"] = TestOpenIdProvider.InstitutionClaim,
                ["Credentials:Accounts:OpenIdConnect:DisplayName"] = "Our insurer's sign-in",
                ["Credentials:Accounts:OpenIdConnect:RequireHttpsMetadata"] = "false",
            },
            ["http://127.0.0.1:0"]) with { Time = TimeProvider.System };
        var app = await CredentialsHost.BuildAsync(settings);
        await ServerHost.StartAsync(app);
        var host = new RunningHost(app);
        provider.RedirectUri = host.Url("/signin-oidc");
        return host;
    }

    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true, UseProxy = false });

    private static async Task<string?> SignedInAsync(HttpClient browser, RunningHost host) => SignInForm.SignedIn(await browser.GetStringAsync(host.Url("/signout")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }

    private sealed class RunningHost(WebApplication app) : IAsyncDisposable
    {
        private readonly Uri address = new(app.Urls.First().TrimEnd('/') + "/");

        public Uri Url(string path) => new(address, path.TrimStart('/'));

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
