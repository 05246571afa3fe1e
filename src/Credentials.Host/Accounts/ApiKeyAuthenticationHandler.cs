using System.Security.Claims;
using System.Text.Encodings.Web;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Credentials.Host.Accounts;

/// <summary>
/// Machines sign in with an API key, as <c>Authorization: Bearer crk_…</c> (RFC 6750 §2.1) or <c>X-Api-Key: crk_…</c>:
/// the key's principal names the key and carries one <see cref="InstitutionClaims.ClaimType"/> claim per institution it
/// may sign for. A request with no key is not authenticated (other schemes may still sign it in); a key that is
/// unknown, wrong, expired or revoked fails, and every such failure reads the same (RFC 9457 problem, 401), so a caller
/// learns nothing of which part was wrong. The key itself is never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header a client may give its key in instead of <c>Authorization</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim naming the key's id on its principal.</summary>
    public const string KeyIdClaim = "credentials:api-key";

    /// <summary>The longest header value read as a key: every key is 64 characters; longer text is refused unread.</summary>
    private const int MaxKeyLength = 256;

    /// <summary>
    /// Whether the request carries a key (even a wrong one): an <c>X-Api-Key</c> header, or a bearer token in the
    /// keys' own form (<c>crk_…</c>); the schemes' selector sends it here. Other bearer tokens (a wallet's
    /// OpenID4VCI access token at the credential endpoint) are not keys and are never looked up as one.
    /// </summary>
    public static bool CarriesKey(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName) || BearerToken(request) is { } bearer && bearer.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var bearer = BearerToken(Request);
        var header = Request.Headers[HeaderName];
        if (bearer is null && header.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // One key, once: two different ones (or one header given twice) is not a request to guess between.
        string? presented = header.Count switch
        {
            0 => bearer,
            1 when bearer is null || string.Equals(bearer, header[0], StringComparison.Ordinal) => header[0],
            _ => null,
        };
        var key = presented is { Length: <= MaxKeyLength } ? store.Authenticate(presented.Trim()) : null;
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the API key was not accepted."));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.NameIdentifier, key.Id),
            new(KeyIdClaim, key.Id),
        };
        claims.AddRange(key.Institutions.Select(institution => new Claim(InstitutionClaims.ClaimType, institution.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3: the scheme, and invalid_token when a key was given and not accepted.
        Response.Headers.WWWAuthenticate = CarriesKey(Request) ? "Bearer realm=\"credentials\", error=\"invalid_token\"" : "Bearer realm=\"credentials\"";
        await AuthenticationProblems.Unauthenticated().ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await AuthenticationProblems.Forbidden().ExecuteAsync(Context).ConfigureAwait(false);

    /// <summary>The token of <c>Authorization: Bearer …</c> (the scheme's name in any case), or null.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return value["Bearer ".Length..].Trim();
    }
}
