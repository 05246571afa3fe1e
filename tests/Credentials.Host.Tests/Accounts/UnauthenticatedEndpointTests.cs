using System.Net;
using Credentials.Host.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// The verify API and its nonce never ask who calls, so no authentication scheme sees their requests; every other
/// endpoint is authenticated exactly once (the platform adds no second authentication middleware in front). Seen
/// through one more scheme, a request handler of the kind OpenIddict's server and token validation are, that counts
/// the requests it is shown.
/// </summary>
public sealed class UnauthenticatedEndpointTests : IDisposable
{
    private readonly HostScenario scenario = new();

    [Fact]
    public async Task The_verify_API_reaches_no_authentication_scheme_and_the_resolver_API_reaches_each_once()
    {
        var seen = new SeenRequests();
        var settings = scenario.Settings();
        using var factory = new HostFactory(settings with
        {
            ConfigureBuilder = builder =>
            {
                settings.ConfigureBuilder?.Invoke(builder);
                builder.Services.AddSingleton(seen);
                builder.Services.AddAuthentication(options => options.AddScheme<CountingRequestHandler>(CountingRequestHandler.SchemeName, null));
            },
        });
        using var client = factory.CreateClient();

        using (var verify = await client.PostAsync(new Uri("/api/v1/verify", UriKind.Relative), new StringContent(scenario.IssuePrc().QrText)))
        using (var nonce = await client.PostAsync(new Uri("/api/v1/verify/nonce", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
            Assert.Contains("\"Approved\"", await verify.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, nonce.StatusCode);
        }

        Assert.Empty(seen.Paths);

        using (var issuers = await client.GetAsync(new Uri("/api/v1/issuers", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, issuers.StatusCode);
        }

        Assert.Equal(["/api/v1/issuers"], seen.Paths);
    }

    public void Dispose() => scenario.Dispose();

    /// <summary>The paths of the requests the counting scheme was shown, in order.</summary>
    private sealed class SeenRequests
    {
        private readonly List<string> paths = [];

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (paths)
                {
                    return [.. paths];
                }
            }
        }

        public void Add(string path)
        {
            lock (paths)
            {
                paths.Add(path);
            }
        }
    }

    /// <summary>A scheme that handles no request itself and signs no one in: it only notes each request it is shown.</summary>
    private sealed class CountingRequestHandler(SeenRequests seen) : IAuthenticationRequestHandler
    {
        public const string SchemeName = "counting";

        private HttpContext? context;

        public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
        {
            this.context = context;
            return Task.CompletedTask;
        }

        public Task<bool> HandleRequestAsync()
        {
            seen.Add(context!.Request.Path.Value ?? string.Empty);
            return Task.FromResult(false);
        }

        public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

        public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
    }
}
