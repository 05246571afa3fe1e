using System.Security.Claims;
using System.Text.Encodings.Web;
using Credentials.Host.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.LoadClient;

/// <summary>
/// The insurer's operator of the load run (until the host has API keys): the header <c>X-Load-Institutions</c> on a
/// loopback host started by this program authenticates a caller with those institution claims.
/// </summary>
internal sealed class LoadOperator(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "load-operator";
    public const string Header = "X-Load-Institutions";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var institutions))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(InstitutionClaims.ClaimType, institutions.ToString()));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
