using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Storage.Offers;
using Credentials.Wallet.Jose;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// The endpoints a wallet calls (OpenID4VCI 1.0): the issuer metadata, an offer by reference, the token endpoint
/// (OpenIddict, passthrough to the pre-authorized code check here), the nonce endpoint and the credential endpoint.
/// </summary>
internal static class WalletImportEndpoints
{
    /// <summary>A credential request is a configuration id and up to a batch of short proofs: far below this.</summary>
    public const long MaxCredentialRequestBytes = 128 * 1024;

    public static IEnumerable<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        yield return app.MapGet(WalletImportPaths.IssuerMetadata, (HttpContext context, WalletOffers offers, WalletImportOptions options) =>
            Json(CredentialConfigurations.Metadata(offers.IssuerFor(context), options.BatchSize), StatusCodes.Status200OK, "public, max-age=300"))
            .ExcludeFromDescription();
        yield return app.MapGet(WalletImportPaths.CredentialOffer + "/{reference}", (HttpContext context, string reference, WalletOffers offers) =>
            offers.ByReference(reference, offers.IssuerFor(context)) is { } offer
                ? Json(offer.ToJson(), StatusCodes.Status200OK)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No offer waits here: it was redeemed, replaced or expired."))
            .ExcludeFromDescription();
        yield return app.MapPost(WalletImportPaths.Token, Token).ExcludeFromDescription();
        yield return app.MapPost(WalletImportPaths.Nonce, (OfferStore store, WalletImportOptions options, TimeProvider time) =>
        {
            // §7.2: a fresh c_nonce, not to be cached; single use (OfferStore.TakeNonce).
            var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            store.AddNonce(OfferSecrets.Digest(nonce), time.GetUtcNow() + options.NonceLifetime);
            return Json(new JsonObject { ["c_nonce"] = nonce }, StatusCodes.Status200OK);
        }).ExcludeFromDescription();
        yield return app.MapPost(WalletImportPaths.Credential, CredentialAsync).WithMetadata(new BodySizeLimit(MaxCredentialRequestBytes)).ExcludeFromDescription();
    }

    /// <summary>
    /// §6: the token request, already parsed and checked by OpenIddict (form body, grant type allowed); here the
    /// pre-authorized code is redeemed once, with its transaction code, and an access token for that offer issued.
    /// </summary>
    private static IResult Token(HttpContext context, OfferStore store, WalletImportOptions options, TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("the token request did not pass through OpenIddict.");
        var code = (string?)request["pre-authorized_code"];
        var txCode = (string?)request["tx_code"];
        if (string.IsNullOrEmpty(code))
        {
            return TokenError(Errors.InvalidRequest, "The pre-authorized_code parameter is missing.");
        }

        if (!OfferSecrets.IsToken(code))
        {
            return TokenError(Errors.InvalidGrant, "The pre-authorized code is not valid.");
        }

        if (txCode is not null && (txCode.Length != 6 || !txCode.All(char.IsAsciiDigit)))
        {
            // Still a wrong try: it is checked (and counted) like any other code.
            txCode = txCode.Length > 64 ? txCode[..64] : txCode;
        }

        var now = time.GetUtcNow();
        var redemption = store.Redeem(OfferSecrets.Digest(code), string.IsNullOrEmpty(txCode) ? null : OfferSecrets.TxDigest(code, txCode), now, now + options.AccessTokenLifetime);
        switch (redemption)
        {
            case Redemption.Redeemed redeemed:
                var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, redeemed.Offer.Id);
                identity.SetDestinations(_ => [Destinations.AccessToken]);
                return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            case Redemption.TxCodeMissing:
                // §6.3: a transaction code was expected and not given.
                return TokenError(Errors.InvalidRequest, "This offer needs its transaction code (tx_code).");
            case Redemption.TxCodeWrong wrong:
                return TokenError(Errors.InvalidGrant, wrong.TriesLeft > 0 ? $"The transaction code is wrong; {wrong.TriesLeft} tries left." : "The transaction code is wrong; the code no longer works.");
            default:
                return TokenError(Errors.InvalidGrant, "The pre-authorized code is not valid: unknown, used already or expired.");
        }
    }

    private static IResult TokenError(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>§8: one credential per proof key, for the offer the access token was issued for, once.</summary>
    private static async Task<IResult> CredentialAsync(HttpContext context, OfferStore store, WalletOffers offers, WalletMinting minting, WalletImportOptions options, TimeProvider time)
    {
        var authentication = await context.AuthenticateAsync(WalletImport.AccessTokenScheme).ConfigureAwait(false);
        if (!authentication.Succeeded || WalletImport.OfferOf(authentication.Principal) is not { } offerId)
        {
            // RFC 6750 §3.1: no or a bad access token.
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return CredentialError(StatusCodes.Status401Unauthorized, "invalid_token", "The access token is missing, invalid or expired.");
        }

        JsonElement body;
        try
        {
            if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", "The credential request must be application/json.");
            }

            using var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 8 }, context.RequestAborted).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", "The credential request is not JSON.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return CredentialError(StatusCodes.Status413PayloadTooLarge, "invalid_credential_request", $"The credential request is larger than {MaxCredentialRequestBytes / 1024} KiB.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", "The credential request is not a JSON object.");
        }

        // §8.2: credential_configuration_id (we issue no credential_identifiers in the token response).
        if (!body.TryGetProperty("credential_configuration_id", out var configurationMember) || configurationMember.ValueKind != JsonValueKind.String)
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", "The credential request has no credential_configuration_id.");
        }

        var configuration = configurationMember.GetString()!;
        if (!CredentialConfigurations.All.ContainsKey(configuration))
        {
            return CredentialError(StatusCodes.Status400BadRequest, "unknown_credential_configuration", "This issuer has no such credential configuration.");
        }

        if (body.TryGetProperty("proof", out _))
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", "Give the key proofs as proofs.jwt, an array (OpenID4VCI 1.0 §8.2).");
        }

        if (!body.TryGetProperty("proofs", out var proofs) || proofs.ValueKind != JsonValueKind.Object || !proofs.TryGetProperty("jwt", out var jwts)
            || jwts.ValueKind != JsonValueKind.Array || jwts.GetArrayLength() == 0 || proofs.EnumerateObject().Count() != 1)
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_proof", "The credential request has no proofs.jwt array of key proofs.");
        }

        if (jwts.GetArrayLength() > options.BatchSize)
        {
            return CredentialError(StatusCodes.Status400BadRequest, "invalid_credential_request", $"At most {options.BatchSize} proofs per request (batch_credential_issuance).");
        }

        var issuer = offers.IssuerFor(context);
        var now = time.GetUtcNow();
        var keys = new List<PublicJwk>();
        try
        {
            string? nonce = null;
            var thumbprints = new HashSet<string>(StringComparer.Ordinal);
            foreach (var proof in jwts.EnumerateArray())
            {
                if (proof.ValueKind != JsonValueKind.String)
                {
                    return CredentialError(StatusCodes.Status400BadRequest, "invalid_proof", $"Proof {keys.Count + 1}: not a JWT string.");
                }

                if (!KeyProof.TryCheck(proof.GetString()!, issuer, now, options.ProofMaxAge, out var key, out var proofNonce, out var problem))
                {
                    return CredentialError(StatusCodes.Status400BadRequest, "invalid_proof", $"Proof {keys.Count + 1}: {problem}.");
                }

                keys.Add(key);
                // §8.2: one credential per key; the same key twice would be one holder binding counted twice.
                if (!thumbprints.Add(Credentials.Wallet.SdJwtVc.WalletCredentialIssuer.Thumbprint(key)))
                {
                    return CredentialError(StatusCodes.Status400BadRequest, "invalid_proof", $"Proof {keys.Count}: the same key as an earlier proof.");
                }

                if (nonce is not null && nonce != proofNonce)
                {
                    return CredentialError(StatusCodes.Status400BadRequest, "invalid_proof", $"Proof {keys.Count}: another nonce than the first proof's.");
                }

                nonce = proofNonce;
            }

            // §8.3.1.2: the nonce must be one the nonce endpoint gave and not used before.
            if (!store.TakeNonce(OfferSecrets.Digest(nonce!), now))
            {
                return CredentialError(StatusCodes.Status400BadRequest, "invalid_nonce", "The proofs' nonce is unknown, used or expired: get a fresh one from the nonce endpoint.");
            }

            if (store.TakeRedeemed(offerId, configuration, now) is not { } offer)
            {
                // Why, from a read that decides nothing: the offer stays for a request of its own configuration.
                return CredentialError(StatusCodes.Status400BadRequest, "credential_request_denied", store.Find(offerId, now) is { Redeemed: true }
                    ? "This access token was not issued for that credential configuration."
                    : "The credentials of this offer were issued already, or the access token outlived its offer.");
            }

            var credentials = new JsonArray();
            foreach (var key in keys)
            {
                var (credential, refusal) = minting.Mint(offer.DocumentId, offer.Institution, issuer, key);
                if (credential is null)
                {
                    return CredentialError(StatusCodes.Status400BadRequest, "credential_request_denied", refusal!);
                }

                credentials.Add(new JsonObject { ["credential"] = credential });
            }

            return Json(new JsonObject { ["credentials"] = credentials }, StatusCodes.Status200OK);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static JsonText CredentialError(int status, string error, string description) =>
        Json(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    private static JsonText Json(JsonObject json, int status, string cacheControl = "no-store") => new JsonText(json.ToJsonString(), status, cacheControl);

    /// <summary>A JSON body with its status and cache rule.</summary>
    private sealed class JsonText(string json, int status, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.Headers.CacheControl = cacheControl;
            return httpContext.Response.WriteAsync(json, httpContext.RequestAborted);
        }
    }
}
