using System.Security.Claims;
using Credentials.Model;
using Credentials.Storage.Accounts;

namespace Credentials.Host.Accounts;

/// <summary>The principal of a signed-in person: a name, how they signed in, and one institution claim per institution.</summary>
internal static class AccountPrincipals
{
    /// <summary>The claim saying how a person signed in: <see cref="Local"/> or <see cref="OpenIdConnect"/>.</summary>
    public const string SignInClaim = "credentials:sign-in";

    /// <summary>A local account (<c>credentials account create</c>).</summary>
    public const string Local = "local";

    /// <summary>The operator's OpenID provider.</summary>
    public const string OpenIdConnect = "openid-connect";

    public static ClaimsPrincipal For(LocalAccount account) => Create(account.UserName, Local, account.Institutions);

    public static ClaimsPrincipal Create(string name, string signIn, IEnumerable<InstitutionId> institutions)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.NameIdentifier, name), new(SignInClaim, signIn) };
        claims.AddRange(institutions.Distinct().Select(institution => new Claim(InstitutionClaims.ClaimType, institution.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, signIn, ClaimTypes.Name, ClaimTypes.Role));
    }
}
