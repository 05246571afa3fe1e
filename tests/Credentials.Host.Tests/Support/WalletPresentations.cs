using System.Security.Cryptography;
using System.Text;
using Credentials.Issuance;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;

namespace Credentials.Host.Tests.Support;

/// <summary>The scenario's eEHIC as a wallet credential, issued by its signer to a fresh holder key and presented as a wallet would.</summary>
internal sealed class WalletPresentations : IDisposable
{
    private readonly ECDsa holderKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly InMemorySigner holder;
    private readonly HostScenario scenario;

    public WalletPresentations(HostScenario scenario)
    {
        this.scenario = scenario;
        holder = new InMemorySigner(holderKey);
        var card = new QrTokenIssuer(scenario.Pki.Signer, scenario.Clock).Issue(Encoding.UTF8.GetBytes(scenario.Pki.SampleEhicRequestJson())).Document
            ?? throw new InvalidOperationException("the sample eEHIC request was refused.");
        using var jwk = PublicJwk.FromKey(holderKey);
        Issued = new WalletCredentialIssuer(scenario.Pki.Signer, scenario.Clock, new WalletIssuerOptions { Issuer = "https://issuer.example.org" })
            .Issue(new WalletIssueRequest { Document = card.Document, DocumentId = card.Payload.TokenId!, HolderKey = jwk, Lifetime = TimeSpan.FromHours(24) })
            .Credential!.SdJwt;
    }

    /// <summary>The issued SD-JWT VC.</summary>
    public string Issued { get; }

    /// <summary>The card number disclosed, with a key binding JWT for this audience and nonce, made now on the scenario's clock.</summary>
    public string Present(string audience, string nonce) => Open().Present([ClaimPath.Of((ClaimPathSegment)WalletClaimNames.DocumentNumber)], new KeyBindingRequest(holder, audience, nonce)).ToCompact();

    /// <summary>The card number disclosed, without key binding.</summary>
    public string PresentWithoutKeyBinding() => Open().Present([ClaimPath.Of((ClaimPathSegment)WalletClaimNames.DocumentNumber)]).ToCompact();

    private SdJwtHolder Open() => SdJwtHolder.TryOpen(Issued, scenario.Clock, null, out var wallet, out var failure)
        ? wallet
        : throw new InvalidOperationException(failure.Message);

    public void Dispose()
    {
        holder.Dispose();
        holderKey.Dispose();
    }
}
