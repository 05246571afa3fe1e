using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>Choices for one issuance besides the claims: the holder key to bind, decoy digests.</summary>
public sealed record SdJwtIssueOptions
{
    /// <summary>
    /// The holder's public key, put in <c>cnf.jwk</c> (RFC 9901 §4.1.2, RFC 7800 §3.2) for Key Binding; or null. As a
    /// JWK, because that is how a wallet hands it over (e.g. in an OpenID4VCI proof); <see cref="PublicJwk.FromKey"/>
    /// makes one from a key.
    /// </summary>
    public PublicJwk? HolderKey { get; init; }

    /// <summary>The fewest decoy digests (RFC 9901 §4.2.5) added to each object that has disclosable members (default 0).</summary>
    public int MinimumDecoyDigests { get; init; }

    /// <summary>The most decoy digests added to each such object (default 0); the count is drawn at random in between.</summary>
    public int MaximumDecoyDigests { get; init; }
}
