using System.Buffers;
using System.Text;
using System.Text.Json;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>The outcome of verifying a wallet presentation: every step run, in order, with the conclusion last, and what was learnt.</summary>
public sealed record WalletVerificationReport
{
    /// <summary>Approved or rejected.</summary>
    public required Conclusion Conclusion { get; init; }

    /// <summary>The steps run, in order, the conclusion last; a step that rejects ends the run.</summary>
    public required IReadOnlyList<WalletStepOutcome> Steps { get; init; }

    /// <summary>When the verification ran.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>The treatment date checked against the coverage, once it was known to be usable.</summary>
    public DateOnly? TreatmentDate { get; init; }

    /// <summary>When the trust data was last confirmed current, when known.</summary>
    public DateTimeOffset? TrustDataAsOf { get; init; }

    /// <summary>The credential type, once decoded.</summary>
    public WalletCredentialType? Type { get; init; }

    /// <summary>What the credential says, once its claims were read.</summary>
    public DisclosedCredential? Credential { get; init; }

    /// <summary>The institution the registry links the signing certificate to, once trusted.</summary>
    public RegistryIssuer? Issuer { get; init; }

    /// <summary>The signing certificate's <c>x5t#S256</c>, once named.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>Whether a Key Binding JWT was verified.</summary>
    public KeyBindingStatus KeyBinding { get; init; }

    /// <summary>Whether the verifier's policy required Key Binding (RFC 9901 §7.3 step 1).</summary>
    public bool KeyBindingRequired { get; init; }

    /// <summary>
    /// When approved: the credential's claims after the disclosures were applied, as JSON (what the export's
    /// <c>content</c> holds). Personal data: never log it.
    /// </summary>
    public string? ClaimsJson
    {
        // Written on first read: most callers of a verification never serialize the claims.
        get => claimsJson ??= ProcessedClaims is { } claims ? ClaimsText(claims) : null;
        init => claimsJson = value;
    }

    /// <summary>The processed claims <see cref="ClaimsJson"/> is written from, when approved (read-only, thread-safe).</summary>
    internal JsonElement? ProcessedClaims { get; init; }

    /// <summary>The status check, when one was made.</summary>
    public StatusCheck? Status { get; init; }

    /// <summary>Whether the presentation is approved.</summary>
    public bool IsApproved => Conclusion == Conclusion.Approved;

    /// <summary>The step that rejected, or null.</summary>
    public WalletStepOutcome? FailedStep => Steps.FirstOrDefault(s => s.Rejects && s.Step != WalletVerificationStep.Conclusion);

    /// <summary>The outcome of one step, or null when it did not run.</summary>
    public WalletStepOutcome? this[WalletVerificationStep step] => Steps.FirstOrDefault(s => s.Step == step);

    private string? claimsJson;

    /// <summary>The claims as the node API writes them (the default encoder, compact), so the export's <c>content</c> is unchanged.</summary>
    private static string ClaimsText(JsonElement claims)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            claims.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
