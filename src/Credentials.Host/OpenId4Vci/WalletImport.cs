using System.Security.Claims;
using Credentials.Database;
using Credentials.Host.Configuration;
using Credentials.Host.Publishing;
using Credentials.Host.Security;
using Credentials.Storage.Issuance;
using Credentials.Storage.Offers;
using Credentials.Wallet.StatusLists;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Wallet import over OpenID4VCI 1.0, pre-authorized code flow, as one part of the host: the state (offers, codes,
/// nonces, token keys) in the wallet-import database shared by every host, the token endpoint and its access tokens
/// by OpenIddict (a custom grant, degraded mode: no OpenIddict stores, our own single-use state), and the issuer
/// metadata, nonce, credential and offer endpoints and pages.
/// </summary>
internal static class WalletImport
{
    /// <summary>Registers the services: the stores opened (migrated), OpenIddict's server and validation, the sweep.</summary>
    public static void Add(IServiceCollection services, ServeOptions options, TimeProvider time)
    {
        var settings = options.WalletImport;
        Check(settings);
        var store = Open(() => OfferStore.Open(DatabaseLocation.Parse(settings.Store ?? Path.Combine(options.DataFolder, "wallet-offers.db")), time), "Store");
        services.AddSingleton(store);
        services.AddSingleton(settings);
        // The stored documents and the status lists are the issuing side's (Issuing.IssuingRegistration).
        services.AddSingleton(sp => new DocumentChannels(sp.GetRequiredService<IssuedDocumentStore>(), sp.GetRequiredService<IStatusListStore>(), time));
        services.AddSingleton(sp => new WalletOffers(store, sp.GetRequiredService<IssuedDocumentStore>(), settings, sp.GetRequiredService<PublicAddress>(), time));
        services.AddSingleton<WalletMinting>();
        Background.AfterListening.Add(services, _ => new OfferSweeper(store, time));

        // The token keys, protected by the data-protection key ring, reach OpenIddict from the container.
        services.AddSingleton(sp => new TokenKeyRing(store, sp.GetRequiredService<IDataProtectionProvider>(), settings, time));
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, TokenKeyOptions>();
        services.AddSingleton<IConfigureOptions<OpenIddictValidationOptions>, TokenKeyOptions>();
        services.AddOpenIddict()
            .AddServer(server =>
            {
                if (options.PublicBaseUrl is { } configured)
                {
                    server.SetIssuer(IssuerIdentifierHandler.AsUri(configured.AbsoluteUri.TrimEnd('/')));
                }

                server.AddEventHandler(IssuerIdentifierHandler.Descriptor);
                server.AddEventHandler(TokenSigningHandler.Descriptor);
                server.SetTokenEndpointUris(WalletImportPaths.Token.TrimStart('/'));
                server.SetConfigurationEndpointUris(WalletImportPaths.AuthorizationServerMetadata.TrimStart('/'));
                // OpenID4VCI 1.0 §6.1: the pre-authorized code grant, by a wallet that need not be a registered client.
                server.AllowCustomFlow(WalletImportPaths.PreAuthorizedCodeGrant);
                server.AcceptAnonymousClients();
                // No OpenIddict stores: codes, nonces and offers are single-use state of our own (OfferStore).
                server.EnableDegradedMode();
                server.DisableTokenStorage();
                server.DisableAuthorizationStorage();
                server.DisableScopeValidation();
                server.SetAccessTokenLifetime(settings.AccessTokenLifetime);
                // The access token carries only the offer's digest; signed (so every host verifies it), not encrypted.
                server.DisableAccessTokenEncryption();
                server.Configure(o => o.TimeProvider = time);
                server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    // OpenID4VCI 1.0 §12.3: a wallet may redeem a pre-authorized code without client authentication.
                    context.Metadata["pre-authorized_grant_anonymous_access_supported"] = true;
                    return default;
                }));
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
                {
                    // Degraded mode: the request's shape is checked here; the code itself is redeemed (once) at the
                    // token endpoint's passthrough, where its offer is known. No client is authenticated (§6.1).
                    if (context.Request.GrantType != WalletImportPaths.PreAuthorizedCodeGrant)
                    {
                        context.Reject(OpenIddictConstants.Errors.UnsupportedGrantType, "Only the pre-authorized code grant is supported.");
                    }
                    else if (string.IsNullOrEmpty((string?)context.Request["pre-authorized_code"]))
                    {
                        context.Reject(OpenIddictConstants.Errors.InvalidRequest, "The pre-authorized_code parameter is missing.");
                    }

                    return default;
                }));
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    // Transport security is the host's rule (HTTPS outside loopback, or a TLS proxy): ListenAddresses.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.Configure(o => o.TimeProvider = time);
            });
    }

    /// <summary>Maps the endpoints; returns the public ones, for the rate limit.</summary>
    public static IReadOnlyList<IEndpointConventionBuilder> Map(WebApplication app)
    {
        LoadTokenKeys(app.Services);
        List<IEndpointConventionBuilder> limited = [.. WalletImportEndpoints.Map(app)];
        OfferEndpoints.Map(app);
        return limited;
    }

    /// <summary>The caller of the credential endpoint, from its access token, or null.</summary>
    public static string? OfferOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst(OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject)?.Value;

    /// <summary>The access tokens' authentication scheme.</summary>
    public const string AccessTokenScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    private static void Check(WalletImportOptions settings)
    {
        const string S = "Credentials:WalletImport";
        static void Range(string key, TimeSpan value, TimeSpan min, TimeSpan max)
        {
            if (value < min || value > max)
            {
                throw new ServerStartException($"{S}:{key}: '{value}' is outside {min} to {max}.");
            }
        }

        Range("OfferLifetime", settings.OfferLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Range("AccessTokenLifetime", settings.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Range("TokenKeyRotation", settings.TokenKeyRotation, TimeSpan.FromDays(1), TimeSpan.FromDays(366));
        Range("NonceLifetime", settings.NonceLifetime, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        Range("ProofMaxAge", settings.ProofMaxAge, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        Range("CredentialLifetime", settings.CredentialLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(3650));
        if (settings.BatchSize is < 2 or > 100)
        {
            throw new ServerStartException($"{S}:BatchSize: '{settings.BatchSize}' is outside 2 to 100 (OpenID4VCI 1.0 §12.2.4: at least 2).");
        }

        if (settings.StatusConfiguration is null && settings.CredentialLifetime > TimeSpan.FromHours(24))
        {
            throw new ServerStartException($"{S}:CredentialLifetime: a credential without a status list entry lives at most 24 hours; name a StatusConfiguration or shorten it.");
        }
    }

    /// <summary>The token keys read (or made) before anything listens, so a key ring that cannot read them stops the start.</summary>
    private static void LoadTokenKeys(IServiceProvider services)
    {
        var store = services.GetRequiredService<OfferStore>();
        KeyRingReadability.Check(services, services.GetService<TimeProvider>() ?? TimeProvider.System);
        try
        {
            services.GetRequiredService<TokenKeyRing>().Load();
        }
        catch (CryptographicException e)
        {
            throw new ServerStartException($"Credentials:WalletImport:Store: the access-token keys in {store.Location} were protected with a data-protection key ring this host does not have; every host sharing that database must share the key ring (Credentials:Accounts:Store) and its Credentials:DataProtection:Certificate (after a rotation of that certificate, keep the one before in Credentials:DataProtection:Previous).", e);
        }
        catch (Exception e) when (e is IssuerStateException or DatabaseException)
        {
            throw new ServerStartException($"Credentials:WalletImport:Store: {e.Message}", e);
        }
    }

    private static T Open<T>(Func<T> open, string key)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IssuerStateException or DatabaseException or StatusListIssuanceException)
        {
            throw new ServerStartException($"Credentials:WalletImport:{key}: {e.Message}", e);
        }
    }
}
