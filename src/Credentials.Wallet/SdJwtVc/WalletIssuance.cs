using Credentials.Model;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>The outcome of a wallet issuance: the credential when it was signed, and every finding (errors refuse, warnings do not), each at its claim path.</summary>
public sealed record WalletIssuance(IssuedWalletCredential? Credential, IReadOnlyList<Finding> Findings)
{
    /// <summary>Whether the credential was issued.</summary>
    public bool Succeeded => Credential is not null;
}
