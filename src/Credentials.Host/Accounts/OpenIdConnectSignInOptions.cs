namespace Credentials.Host.Accounts;

/// <summary>
/// The section <c>Credentials:Accounts:OpenIdConnect</c>: people sign in at the operator's OpenID provider
/// (OpenID Connect Core 1.0, authorization code flow with PKCE); the institutions they may act for come from one
/// claim of the ID token, each value an institution id (<c>BE:0120</c>), and become
/// <see cref="InstitutionClaims.ClaimType"/> claims. Off while <see cref="Authority"/> is empty.
/// </summary>
internal sealed class OpenIdConnectSignInOptions
{
    /// <summary>The provider's issuer address; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>This host's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>This host's client secret at the provider (better in an environment variable than in a file: <c>CREDENTIALS__ACCOUNTS__OPENIDCONNECT__CLIENTSECRET</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The ID token claim that lists the institutions the person may act for (default <c>institutions</c>).</summary>
    public string InstitutionClaim { get; set; } = "institutions";

    /// <summary>The claim that names the person (default <c>preferred_username</c>, then <c>sub</c>).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>Scopes asked for beside <c>openid</c> (default <c>profile</c>; add the one that releases the institution claim).</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The provider's name on the sign-in button.</summary>
    public string DisplayName { get; set; } = "OpenID Connect";

    /// <summary>Whether the provider's metadata must come over HTTPS (default true; false only for a provider on loopback in a test).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether the section turns the sign-in on.</summary>
    public bool Enabled => Authority is not null;
}
