using Credentials.Host.Configuration;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Accounts;

/// <summary>
/// Who the host lets in, registered by one call each: API keys for machines (<see cref="ApiKeyAuthenticationHandler"/>)
/// over the state database (<see cref="AccountOptions.Store"/>), the <see cref="InstitutionClaims.IssuerPolicy"/>
/// policy (signed in, with at least one institution), which is also the default policy, so a write endpoint's bare
/// <c>RequireAuthorization()</c> asks for it; and the <c>/api/v1/me</c> endpoint that says who a caller is.
/// </summary>
internal static class CredentialsAuthentication
{
    /// <summary>The scheme every request is authenticated by: it forwards to the scheme the request's credentials are for.</summary>
    public const string SelectorScheme = "Credentials";

    /// <summary>
    /// Registers authentication and authorization. Opens the state database now, so an unusable one stops the start
    /// (<see cref="ServerStartException"/>, one line).
    /// </summary>
    public static void AddCredentialsAuthentication(this IServiceCollection services, ServeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = options.Accounts.Store ?? Path.Combine(options.DataFolder, AccountOptions.DefaultStoreFile);
        ApiKeyStore keys;
        try
        {
            keys = ApiKeyStore.Open(location, time);
        }
        catch (AccountStoreException e)
        {
            throw new ServerStartException($"{ServeOptions.Section}:Accounts:Store: {e.Message}", e);
        }

        // The container disposes what a factory made: the store's connections close when the host stops.
        services.AddSingleton(_ => keys);
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or sign-in", scheme => scheme.ForwardDefaultSelector = _ => ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, "API key", null);

        var issuer = new AuthorizationPolicyBuilder(SelectorScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(InstitutionClaims.ClaimType)
            .Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(InstitutionClaims.IssuerPolicy, issuer)
            .SetDefaultPolicy(issuer);
    }

    /// <summary>Authentication and authorization in the pipeline, after routing (so endpoints' requirements are known).</summary>
    public static void UseCredentialsAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>The accounts' own endpoints (<c>GET /api/v1/me</c>), for the caller to rate-limit with the public ones.</summary>
    public static IEnumerable<IEndpointConventionBuilder> MapCredentialsAccounts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        yield return MeEndpoint.Map(app);
    }
}
