using System.Security.Claims;
using Credentials.Host.Configuration;
using Credentials.Model;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Credentials.Host.Accounts;

/// <summary>
/// Who the host lets in, registered by one call each. Machines: API keys (<see cref="ApiKeyAuthenticationHandler"/>).
/// People: a session cookie after <c>/signin</c>, with a local account (<c>credentials account create</c>) or at the
/// operator's OpenID provider (<see cref="OpenIdConnectSignInOptions"/>). One selector scheme sends each request to
/// the right one: a request with a key, or to <c>/api/…</c>, is a machine's (401 problem when refused); any other is a
/// person's (redirected to <c>/signin</c>). The <see cref="InstitutionClaims.IssuerPolicy"/> policy (signed in, with at
/// least one institution) is also the default policy, so a write endpoint's bare <c>RequireAuthorization()</c> asks
/// for it. API keys, accounts and the data-protection key ring live in the state database
/// (<see cref="AccountOptions.Store"/>), so several hosts on one PostgreSQL database share them.
/// </summary>
internal static class CredentialsAuthentication
{
    /// <summary>The scheme every request is authenticated by: it forwards to the scheme the request's credentials are for.</summary>
    public const string SelectorScheme = "Credentials";

    /// <summary>The session cookie of a signed-in person.</summary>
    public const string SessionCookie = "credentials-session";

    /// <summary>
    /// Registers authentication and authorization. Opens the state database now, so an unusable one stops the start
    /// (<see cref="ServerStartException"/>, one line), as does an incomplete OpenID Connect section.
    /// </summary>
    public static void AddCredentialsAuthentication(this IServiceCollection services, ServeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var accounts = options.Accounts;
        Check(accounts);
        var location = accounts.Store ?? Path.Combine(options.DataFolder, AccountOptions.DefaultStoreFile);
        var (keys, people, ring) = Open(location, time);

        // The container disposes what a factory made: the stores' connections close when the host stops.
        services.AddSingleton(_ => keys);
        services.AddSingleton(_ => people);
        services.AddSingleton(_ => ring);
        services.AddSingleton(accounts);
        services.AddSingleton<SignInEndpoints.SignInServices>();
        services.Configure<KeyManagementOptions>(keyManagement => keyManagement.XmlRepository = new DatabaseXmlRepository(ring));

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or sign-in", scheme => scheme.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.CarriesKey(context.Request) || context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, "API key", null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = SessionCookie;
                cookie.Cookie.HttpOnly = true;

                // Lax, not Strict: the way back from the OpenID provider is a cross-site navigation that must arrive signed in.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = accounts.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = SignInEndpoints.SignInPath;
                cookie.LogoutPath = SignInEndpoints.SignOutPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        if (accounts.OpenIdConnect.Enabled)
        {
            authentication.AddOpenIdConnect(SignInEndpoints.OpenIdConnectScheme, accounts.OpenIdConnect.DisplayName, oidc => ConfigureOpenIdConnect(oidc, accounts.OpenIdConnect));
        }

        var issuer = new AuthorizationPolicyBuilder(SelectorScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(InstitutionClaims.ClaimType)
            .Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(InstitutionClaims.IssuerPolicy, issuer)
            .SetDefaultPolicy(issuer);
    }

    /// <summary>
    /// Authentication and authorization in the pipeline, after routing (so endpoints' requirements are known). An
    /// endpoint marked <see cref="NoCallerIdentity"/> skips authentication: every scheme's work (the key lookup, the
    /// cookie, OpenIddict's request handlers, which run on every request they see) is for endpoints that use it.
    /// </summary>
    public static void UseCredentialsAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        IApplicationBuilder? authenticating = null;
        app.UseWhen(context => context.GetEndpoint()?.Metadata.GetMetadata<NoCallerIdentity>() is null, branch => authenticating = branch.UseAuthentication());

        // WebApplication puts an authentication middleware of its own in front of the whole pipeline unless the
        // application carries the mark UseAuthentication leaves, and a UseWhen branch keeps its marks to itself
        // (dotnet/aspnetcore#48098): the branch's marks are the application's too.
        var marks = ((IApplicationBuilder)app).Properties;
        foreach (var mark in authenticating!.Properties.Where(p => !marks.ContainsKey(p.Key)).ToList())
        {
            marks[mark.Key] = mark.Value;
        }

        app.UseAuthorization();
    }

    /// <summary>The accounts' own endpoints (<c>/api/v1/me</c>, <c>/signin</c>, <c>/signout</c>), for the caller to rate-limit with the public ones.</summary>
    public static IEnumerable<IEndpointConventionBuilder> MapCredentialsAccounts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        yield return MeEndpoint.Map(app);
        foreach (var page in SignInEndpoints.Map(app))
        {
            yield return page.ExcludeFromDescription();
        }
    }

    private static void Check(AccountOptions accounts)
    {
        const string S = ServeOptions.Section + ":Accounts";
        if (accounts.SessionLifetime < TimeSpan.FromMinutes(5) || accounts.SessionLifetime > TimeSpan.FromDays(7))
        {
            throw new ServerStartException($"{S}:SessionLifetime: {accounts.SessionLifetime} is not allowed: 00:05:00 to 7.00:00:00.");
        }

        var oidc = accounts.OpenIdConnect;
        if (!oidc.Enabled)
        {
            return;
        }

        var authority = oidc.Authority!;
        if (!authority.IsAbsoluteUri || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && !oidc.RequireHttpsMetadata)))
        {
            throw new ServerStartException($"{S}:OpenIdConnect:Authority: '{authority.OriginalString}' is not an https address of an OpenID provider (http only with RequireHttpsMetadata=false, for a test provider).");
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            throw new ServerStartException($"{S}:OpenIdConnect:ClientId: give this host's client id at the provider.");
        }

        if (string.IsNullOrWhiteSpace(oidc.InstitutionClaim) || string.IsNullOrWhiteSpace(oidc.UserNameClaim))
        {
            throw new ServerStartException($"{S}:OpenIdConnect: name the claims that carry the institutions (InstitutionClaim) and the user name (UserNameClaim).");
        }
    }

    private static (ApiKeyStore, LocalAccountStore, DataProtectionKeyStore) Open(string location, TimeProvider time)
    {
        ApiKeyStore? keys = null;
        LocalAccountStore? people = null;
        try
        {
            keys = ApiKeyStore.Open(location, time);
            people = LocalAccountStore.Open(location, time);
            return (keys, people, DataProtectionKeyStore.Open(location, time));
        }
        catch (AccountStoreException e)
        {
            keys?.Dispose();
            people?.Dispose();
            throw new ServerStartException($"{ServeOptions.Section}:Accounts:Store: {e.Message}", e);
        }
    }

    /// <summary>A local account's session ends at its next request once the account is disabled (or gone).</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirst(AccountPrincipals.SignInClaim)?.Value != AccountPrincipals.Local)
        {
            return;
        }

        var store = context.HttpContext.RequestServices.GetRequiredService<LocalAccountStore>();
        var name = context.Principal.Identity?.Name;
        if (name is null || store.Find(name) is not { DisabledAt: null })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions oidc, OpenIdConnectSignInOptions settings)
    {
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.Authority = settings.Authority!.ToString();
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;

        // OpenID Connect Core 1.0 §3.1: the authorization code flow, with PKCE (RFC 7636); the answer comes back as a
        // query of a top-level navigation, so the correlation and nonce cookies may be SameSite=Lax.
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        foreach (var scope in settings.Scopes.Count > 0 ? settings.Scopes : ["profile"])
        {
            oidc.Scope.Add(scope);
        }

        oidc.Events.OnTokenValidated = context =>
        {
            // The session keeps the person's name and institutions only, whatever else the provider said.
            var provided = context.Principal!;
            var name = provided.FindFirst(settings.UserNameClaim)?.Value ?? provided.FindFirst("sub")?.Value ?? "unknown";
            context.Principal = AccountPrincipals.Create(name, AccountPrincipals.OpenIdConnect, Institutions(provided, settings.InstitutionClaim));
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = context =>
        {
            // A refused or failed sign-in at the provider: back to the sign-in page, never a stack trace.
            context.HandleResponse();
            context.Response.Redirect(SignInEndpoints.SignInPath);
            return Task.CompletedTask;
        };
    }

    /// <summary>The institutions in the provider's claim: one value each, or one value holding a JSON array or a space- or comma-separated list; what is not an institution id is ignored.</summary>
    internal static IEnumerable<InstitutionId> Institutions(ClaimsPrincipal provided, string claim)
    {
        foreach (var value in provided.FindAll(claim).Select(c => c.Value))
        {
            foreach (var item in value.Trim().TrimStart('[').TrimEnd(']').Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (InstitutionId.TryParse(item.Trim('"'), out var institution, out _))
                {
                    yield return institution;
                }
            }
        }
    }
}
