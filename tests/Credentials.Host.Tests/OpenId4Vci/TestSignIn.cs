using System.Security.Claims;
using System.Text.Encodings.Web;
using Credentials.Host.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// A signed-in insurer operator for these tests, until the host's own API keys and sign-in exist: the header
/// <c>X-Test-Institutions: BE:0120</c> authenticates a caller with those institution claims (the contract of
/// <see cref="InstitutionClaims"/>); no header, no caller.
/// </summary>
internal sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "test-sign-in";
    public const string Header = "X-Test-Institutions";

    public static void AddTo(IServiceCollection services) =>
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, TestSignIn>(SchemeName, null);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var institutions))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(SchemeName);
        foreach (var institution in institutions.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            identity.AddClaim(new Claim(InstitutionClaims.ClaimType, institution));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
