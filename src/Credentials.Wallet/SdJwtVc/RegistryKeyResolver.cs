using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.WireFormat;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The trust registry behind <see cref="IIssuerKeyResolver"/>: the issuer's key is the <c>x5c</c> leaf's, when the
/// registry links that certificate to the credential's <c>authentic_source.id</c> and it was valid at <c>iat</c>.
/// The registry pins the leaf by the SHA-256 of its DER (<see cref="KeyReference"/>), so the leaf's digest is all
/// the lookup needs: the DER is not parsed, and the key used is the registry's own certificate's. The authentic
/// source and <c>iat</c> come from the payload the SD-JWT layer has parsed; what the lookup found is handed back per
/// thread, because <see cref="SdJwtVerifier.Verify"/> runs synchronously on the caller's thread, so one verifier
/// keeps its holder key cache across verifications.
/// </summary>
internal sealed class RegistryKeyResolver(ITrustRegistry registry) : IIssuerKeyResolver
{
    [ThreadStatic]
    private static TrustContext? current;

    private readonly ConditionalWeakTable<TrustedCertificate, TrustedKey> keys = [];

    // The leaf last named and its digest: a verifier mostly meets the same few issuers, and comparing the x5c entry's
    // UTF-8 with the one seen before costs less than decoding and hashing it again.
    private volatile LeafDigest? lastLeaf;

    /// <summary>Runs <paramref name="verify"/> with <paramref name="context"/> as the verification under way on this thread.</summary>
    public static SdJwtVerification Run(TrustContext context, Func<SdJwtVerification> verify)
    {
        var previous = current;
        current = context;
        try
        {
            return verify();
        }
        finally
        {
            current = previous;
        }
    }

    /// <inheritdoc/>
    public IssuerKeyResolution Resolve(JoseHeader header, string? issuer) => Refuse("the wallet verifier resolves keys from the payload's authentic source.");

    /// <inheritdoc/>
    public IssuerKeyResolution Resolve(JoseHeader header, JsonElement payload)
    {
        var context = current ?? throw new InvalidOperationException("the registry key resolver is used only inside a wallet verification.");

        // Decode: our type, and the plain claims trust is decided on (authentic_source.id, iat). Read here, from the
        // payload the SD-JWT layer has parsed already, and believed only once the signature verifies.
        var vct = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(WalletClaimNames.Vct, out var vctValue) && vctValue.ValueKind == JsonValueKind.String ? vctValue.GetString() : null;
        if (WalletCredentialType.FromVct(vct) is not { } type)
        {
            return context.Refuse(WalletVerificationStep.Decode, WalletFinding.Error(WalletFindingCodes.CredentialTypeUnknown, vct is null ? WalletMessages.CredentialTypeMissing() : WalletMessages.CredentialTypeUnknown(), "/" + WalletClaimNames.Vct));
        }

        context.Type = type;
        context.MediaType = header.Type;
        context.Algorithm = header.Algorithm;
        if (!payload.TryGetProperty(WalletClaimNames.AuthenticSource, out var source) || source.ValueKind != JsonValueKind.Object
            || !source.TryGetProperty(WalletClaimNames.Id, out var id) || id.ValueKind != JsonValueKind.String
            || !InstitutionId.TryParse(id.GetString(), out var institution, out _))
        {
            return context.Refuse(WalletVerificationStep.Decode, WalletFinding.Error(WalletFindingCodes.ClaimInvalid, WalletMessages.AuthenticSourceInvalid(), $"/{WalletClaimNames.AuthenticSource}/{WalletClaimNames.Id}"));
        }

        if (!payload.TryGetProperty(WalletClaimNames.IssuedAt, out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return context.Refuse(WalletVerificationStep.Decode, WalletFinding.Error(WalletFindingCodes.ClaimInvalid, WalletMessages.IssuedAtInvalid(), "/" + WalletClaimNames.IssuedAt));
        }

        context.Institution = institution;
        context.IssuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        context.NotBefore = Instant(payload, WalletClaimNames.NotBefore);
        context.ExpiresAt = Instant(payload, WalletClaimNames.ExpiresAt);

        // Trust data past its limits resolves nothing: N/A, and never an approval (EC ePRC spec §5, "Offline").
        if (context.TrustDataProblem is { } unusable)
        {
            return context.Refuse(WalletVerificationStep.SignatureAndTrust, unusable);
        }

        if (!TryLeafDigest(header, out var keyId, out var problem))
        {
            return context.Refuse(WalletFindingCodes.CertificateChainMissing, WalletMessages.ChainMissing(problem));
        }

        context.Thumbprint = keyId.Thumbprint;
        var resolution = registry.Resolve(KeyReference.FromKeyId(keyId), context.Institution);
        switch (resolution.Outcome)
        {
            case KeyResolutionOutcome.KeyUnknown:
                return context.Refuse(FindingCode.KeyNotResolved.ToWireName(), WalletMessages.KeyUnknown(keyId.Thumbprint));
            case KeyResolutionOutcome.NotLinkedToAuthenticSource:
                return context.Refuse(FindingCode.KeyNotLinkedToAuthenticSource.ToWireName(), WalletMessages.KeyNotLinked(keyId.Thumbprint, context.Institution, resolution.LinkedInstitutions!));
            case KeyResolutionOutcome.Ambiguous:
                return context.Refuse(FindingCode.KeyAmbiguous.ToWireName(), WalletMessages.KeyAmbiguous(keyId.Thumbprint, context.Institution));
        }

        var certificate = resolution.Certificate!;
        if (!keys.TryGetValue(certificate, out var trusted))
        {
            var key = (AsymmetricAlgorithm?)certificate.Certificate.GetECDsaPublicKey() ?? certificate.Certificate.GetRSAPublicKey();
            if (key is null)
            {
                return context.Refuse(FindingCode.AlgorithmKeyMismatch.ToWireName(), WalletMessages.KeyUnusable());
            }

            // The registry's period and the certificate's own notBefore/notAfter, both of which must hold iat.
            var notBefore = new DateTimeOffset(certificate.Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            var notAfter = new DateTimeOffset(certificate.Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            trusted = keys.GetValue(certificate, _ => new TrustedKey(
                key,
                certificate.ValidFrom > notBefore ? certificate.ValidFrom : notBefore,
                certificate.ValidUntil < notAfter ? certificate.ValidUntil : notAfter));
        }

        // The certificate must have been valid when the credential was signed (the document's date_of_issuance is a
        // validity layer, not the signing date).
        if (context.IssuedAt < trusted.From || context.IssuedAt > trusted.Until)
        {
            return context.Refuse(WalletFindingCodes.CertificateNotValidAtIssuance, WalletMessages.NotValidAtIssuance(certificate.ValidityText, context.IssuedAt));
        }

        context.Resolution = resolution;
        return IssuerKeyResolution.Found(trusted.Key);
    }

    private static IssuerKeyResolution Refuse(string reason) => IssuerKeyResolution.Refused(reason);

    /// <summary>A plain NumericDate claim in whole seconds, for messages (the SD-JWT layer checks it).</summary>
    private static DateTimeOffset? Instant(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>RFC 7515 §4.1.6: the first x5c entry is the signer's certificate, standard base64 DER; its SHA-256 names it.</summary>
    private bool TryLeafDigest(JoseHeader header, out EessiKeyId keyId, out string problem)
    {
        keyId = default;
        if (!header.TryGetValue("x5c", out var x5c))
        {
            problem = "the header has no 'x5c'";
            return false;
        }

        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() is 0 or > JoseHeader.MaxCertificates)
        {
            problem = $"'x5c' is not an array of 1 to {JoseHeader.MaxCertificates} certificates";
            return false;
        }

        foreach (var entry in x5c.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
            {
                problem = "an 'x5c' entry is not a string";
                return false;
            }
        }

        if (lastLeaf is { } last && x5c[0].ValueEquals(last.Base64))
        {
            keyId = last.KeyId;
            problem = string.Empty;
            return true;
        }

        var text = x5c[0].GetString()!;
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            problem = "the first 'x5c' entry is not base64";
            return false;
        }

        keyId = EessiKeyId.FromThumbprint(Base64UrlText.Encode(SHA256.HashData(der)));
        lastLeaf = new LeafDigest(System.Text.Encoding.UTF8.GetBytes(text), keyId);
        problem = string.Empty;
        return true;
    }

    /// <summary>A trusted certificate's public key and the instants it may have signed between.</summary>
    private sealed record TrustedKey(AsymmetricAlgorithm Key, DateTimeOffset From, DateTimeOffset Until);

    /// <summary>An x5c leaf entry (its base64 as UTF-8) and the key id its DER's digest gives.</summary>
    private sealed record LeafDigest(byte[] Base64, EessiKeyId KeyId);

    /// <summary>The verification under way: what the key must be trusted for, and what the lookup found.</summary>
    internal sealed class TrustContext(WalletFinding? trustDataProblem)
    {
        /// <summary>Why the trust data may not be used, when it may not (too old, past its next update).</summary>
        public WalletFinding? TrustDataProblem { get; } = trustDataProblem;

        public WalletCredentialType? Type { get; set; }

        public string? MediaType { get; set; }

        /// <summary>The issuer header's <c>alg</c>, for the report (the SD-JWT layer has checked it against the allow-list before resolving).</summary>
        public string? Algorithm { get; set; }

        public InstitutionId Institution { get; set; }

        public DateTimeOffset IssuedAt { get; set; }

        public DateTimeOffset? NotBefore { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }

        public WalletVerificationStep RefusalStep { get; private set; }

        public string? Thumbprint { get; set; }

        public KeyResolution? Resolution { get; set; }

        public WalletFinding? Refusal { get; private set; }

        public IssuerKeyResolution Refuse(string code, MessageText message) => Refuse(WalletVerificationStep.SignatureAndTrust, WalletFinding.Error(code, message));

        public IssuerKeyResolution Refuse(WalletVerificationStep step, WalletFinding finding)
        {
            RefusalStep = step;
            Refusal = finding;
            return IssuerKeyResolution.Refused(finding.Message);
        }
    }
}
