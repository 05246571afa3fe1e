using System.Security.Claims;
using Credentials.Model;

namespace Credentials.Host.Accounts;

/// <summary>
/// How a signed-in caller (a person through a sign-in, a machine through an API key) says which institutions it may
/// issue and revoke for: one claim of <see cref="ClaimType"/> per institution (<c>BE:0120</c>). Every write endpoint
/// requires the <see cref="IssuerPolicy"/> policy and then asks <see cref="Allows"/> for the document's institution,
/// so an operator of one institution can never act for another.
/// </summary>
internal static class InstitutionClaims
{
    /// <summary>The claim type naming one institution the caller may act for.</summary>
    public const string ClaimType = "credentials:institution";

    /// <summary>The authorization policy of every write endpoint: an authenticated caller with at least one institution.</summary>
    public const string IssuerPolicy = "issuer";

    /// <summary>Whether <paramref name="user"/> may issue and revoke for <paramref name="institution"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, InstitutionId institution)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var name = institution.ToString();
        return user.FindAll(ClaimType).Any(claim => string.Equals(claim.Value, name, StringComparison.Ordinal));
    }

    /// <summary>The institutions <paramref name="user"/> may act for, in the order of its claims.</summary>
    public static IReadOnlyList<string> Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindAll(ClaimType).Select(claim => claim.Value).Distinct(StringComparer.Ordinal).ToList() : [];
    }
}
