using Credentials.Model;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// What <see cref="WalletCredentialCodec.Decode"/> read: the credential when its claims follow the type's rules, and
/// every finding, each with the claim's JSON Pointer as its <see cref="Finding.Path"/> (e.g. <c>/date_of_expiry</c>).
/// </summary>
public sealed record WalletCredentialDecoding(DisclosedCredential? Credential, IReadOnlyList<Finding> Findings)
{
    /// <summary>Whether the claims decoded without a blocking finding.</summary>
    public bool Succeeded => Credential is not null;
}
