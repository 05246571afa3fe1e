using System.Collections.Concurrent;
using Credentials.Host.Issuing;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Storage.Issuance;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwtVc;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Mints the wallet credentials of a redeemed offer from the stored document (<see cref="DocumentChannels.Mint"/>:
/// recorded against the document, a status list entry allocated when configured), signed by the institution's
/// current key.
/// </summary>
internal sealed class WalletMinting(DocumentChannels channels, IServiceProvider services, WalletImportOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(ICertificateSigner Signer, string Issuer), WalletCredentialIssuer> issuers = new();

    /// <summary>A credential for <paramref name="holderKey"/>, or the one-line reason there is none.</summary>
    public (string? Credential, string? Refusal) Mint(string documentId, string institution, string issuer, PublicJwk holderKey)
    {
        if (services.GetService<IInstitutionSigners>() is not { } signers || !InstitutionId.TryParse(institution, out var id, out _) || signers.Current(id) is not { } signer)
        {
            return (null, "this host has no signing key for the document's institution.");
        }

        var walletIssuer = issuers.GetOrAdd((signer, issuer), key => new WalletCredentialIssuer(key.Signer, time, new WalletIssuerOptions { Issuer = key.Issuer }));
        try
        {
            var issuance = channels.Mint(documentId, walletIssuer, holderKey, options.StatusConfiguration, options.CredentialLifetime);
            return issuance.Credential is { } credential
                ? (credential.SdJwt, null)
                : (null, "the stored document cannot be issued as a wallet credential (" + string.Join(", ", issuance.Findings.Where(f => f.IsBlocking).Select(f => f.Code.ToWireName())) + ").");
        }
        catch (IssuerStateException e)
        {
            return (null, e.Message);
        }
    }
}
