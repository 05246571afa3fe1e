namespace Credentials.Host.OpenId4Vci;

/// <summary>Where wallet import is served, relative to the credential issuer identifier (the host's public base URL).</summary>
internal static class WalletImportPaths
{
    /// <summary>OpenID4VCI 1.0 §12.2.2: the credential issuer metadata.</summary>
    public const string IssuerMetadata = "/.well-known/openid-credential-issuer";

    /// <summary>RFC 8414 §3: the authorization server metadata (the issuer is its own authorization server).</summary>
    public const string AuthorizationServerMetadata = "/.well-known/oauth-authorization-server";

    /// <summary>OpenID4VCI 1.0 §6: the token endpoint.</summary>
    public const string Token = "/token";

    /// <summary>OpenID4VCI 1.0 §7: the nonce endpoint.</summary>
    public const string Nonce = "/nonce";

    /// <summary>OpenID4VCI 1.0 §8: the credential endpoint.</summary>
    public const string Credential = "/credential";

    /// <summary>OpenID4VCI 1.0 §4.1.3: offers by reference, <c>{CredentialOffer}/{reference}</c>.</summary>
    public const string CredentialOffer = "/openid4vci/credential-offer";

    /// <summary>The API creating offers.</summary>
    public const string OffersApi = "/api/v1/offers";

    /// <summary>The issuing page's offer pages: <c>/offers/new</c> and <c>/offers/{id}</c>.</summary>
    public const string OfferPages = "/offers";

    /// <summary>OpenID4VCI 1.0 §4.1.1: the pre-authorized code grant type.</summary>
    public const string PreAuthorizedCodeGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>OpenID4VCI 1.0 §4.1: the scheme of a credential offer for a wallet on the same device.</summary>
    public const string OfferScheme = "openid-credential-offer://";
}
