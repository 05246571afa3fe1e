using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// An OpenID provider of the tests' own on a real Kestrel at 127.0.0.1 (an OpenIddict server, authorization code flow
/// with PKCE, ephemeral keys, no database): one registered client and one person, signed in at once when the
/// authorization endpoint is reached (no login form: the host, not the provider, is under test). The ID token carries
/// the person's institutions in <see cref="InstitutionClaim"/>, and a decoy claim the host must not read.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "credentials-host";
    public const string ClientSecret = "a client secret for the tests only";
    public const string InstitutionClaim = "insurer_institutions";
    public const string UserName = "erin@insurer.example";

    private readonly WebApplication app;

    private TestOpenIdProvider(WebApplication app, Uri authority)
    {
        this.app = app;
        Authority = authority;
    }

    /// <summary>The provider's issuer address (ending with '/').</summary>
    public Uri Authority { get; }

    /// <summary>Where the host's sign-in must come back to; set once the host listens.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>How many times the person was signed in at the provider.</summary>
    public int SignIns { get; private set; }

    public static async Task<TestOpenIdProvider> StartAsync(string[] institutions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        TestOpenIdProvider? provider = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption();

            // No applications database: the one client is checked here.
            server.EnableDegradedMode();
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.RedirectUri != provider!.RedirectUri?.ToString())
                {
                    context.Reject(Errors.InvalidClient, "unknown client or redirect_uri.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "the client's credentials are wrong.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, "person-0001"));
                identity.AddClaim(new Claim(Claims.PreferredUsername, UserName));
                identity.AddClaim(new Claim(InstitutionClaim, JsonSerializer.Serialize(institutions), "JSON_ARRAY"));
                identity.AddClaim(new Claim("institutions", "BE:0999"));
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                principal.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
                provider!.SignIns++;
                context.SignIn(principal);
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        await app.StartAsync();
        provider = new TestOpenIdProvider(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
