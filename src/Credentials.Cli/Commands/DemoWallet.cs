using System.Security.Cryptography;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Verification;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;

namespace Credentials.Cli.Commands;

/// <summary>
/// The wallet part of <c>credentials demo</c>: the sample holder's eEHIC issued as an SD-JWT VC to the sample holder
/// key (samples/keys/holder.key.pem, embedded, a published test key), presented with key binding to a fresh nonce, and
/// verified against the demo's registry. The holder key is the samples' own; it is never written out.
/// </summary>
internal static class DemoWallet
{
    /// <summary>The audience the demo's presentation is made for.</summary>
    public const string Audience = "https://verifier.demo.invalid";

    /// <summary>What the wallet part wrote and found.</summary>
    public sealed record Outcome(VerificationRecord Record, string CredentialFile, string PresentationFile, string ExportFile, string Nonce);

    public static async Task<Outcome> RunAsync(string folder, DemoScenario scenario, Trust.ITrustRegistry registry, IssuedQrToken card, TimeProvider time, CancellationToken cancellationToken)
    {
        using var holderKey = ECDsa.Create();
        holderKey.ImportFromPem(SampleHolderKeyPem());
        using var holderJwk = PublicJwk.FromKey(holderKey);
        using var holder = new InMemorySigner(holderKey);

        // Without a status list the credential lives at most 24 hours (the attestation rulebook's alternative).
        var issuer = new WalletCredentialIssuer(scenario.Signer, time, new WalletIssuerOptions { Issuer = $"urn:eessi:{DemoScenario.Institution}" });
        var issued = issuer.Issue(new WalletIssueRequest { Document = card.Document, DocumentId = card.Payload.TokenId!, HolderKey = holderJwk, Lifetime = WalletIssuerOptions.MaxLifetimeWithoutStatus }).Credential
            ?? throw new InvalidOperationException("the demo eEHIC was refused as a wallet credential.");
        var credentialFile = Path.Combine(folder, "wallet-ehic.sdjwt");
        CommandValues.WriteText(credentialFile, issued.SdJwt + "\n");

        // The holder shows the card number only; the verifier's nonce is fresh for this presentation.
        var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        if (!SdJwtHolder.TryOpen(issued.SdJwt, time, null, out var wallet, out var failure))
        {
            throw new InvalidOperationException("the demo wallet credential cannot be opened: " + failure.Message);
        }

        var presentation = wallet.Present([ClaimPath.Of((ClaimPathSegment)WalletClaimNames.DocumentNumber)], new KeyBindingRequest(holder, Audience, nonce)).ToCompact();
        var presentationFile = Path.Combine(folder, "wallet-presentation.txt");
        CommandValues.WriteText(presentationFile, presentation + "\n");
        CommandValues.WriteText(Path.Combine(folder, "holder.jwk.json"), PublicJwk.ToJson(holderKey).ToJsonString() + "\n");

        var verifier = new WalletCredentialVerifier(registry, time, StatusCheckers.Offline, new WalletVerifierOptions { RequireKeyBinding = true });
        var report = await verifier.VerifyAsync(presentation, new KeyBindingExpectation(Audience, nonce), null, cancellationToken).ConfigureAwait(false);
        var record = report.ToRecord(presentation, "credentials demo");
        var exportFile = Path.Combine(folder, "wallet-report.json");
        CommandValues.WriteText(exportFile, VerificationExportV2.ToJson(record) + "\n");
        return new Outcome(record, credentialFile, presentationFile, exportFile, nonce);
    }

    private static string SampleHolderKeyPem()
    {
        using var stream = typeof(DemoWallet).Assembly.GetManifestResourceStream("Credentials.Cli.SampleHolderKey.pem")
            ?? throw new InvalidOperationException("the sample holder key is not embedded in the command line.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
