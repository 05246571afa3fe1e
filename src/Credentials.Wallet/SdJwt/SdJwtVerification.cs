using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// The outcome of <see cref="SdJwtVerifier.Verify"/>: on success the processed claims (<c>_sd</c>, <c>_sd_alg</c> and
/// <c>...</c> gone, disclosed claims in place), the issuer header, the Disclosures used and the Key Binding status;
/// otherwise the failure.
/// </summary>
public sealed class SdJwtVerification
{
    private JsonObject? claims;

    private SdJwtVerification(SdJwtFailure? failure, JsonElement? processedClaims, JoseHeader? issuerHeader, IReadOnlyList<DisclosedClaim> disclosed, KeyBindingStatus keyBinding, DateTimeOffset? keyBindingIssuedAt)
    {
        Failure = failure;
        ProcessedClaims = processedClaims;
        IssuerHeader = issuerHeader;
        Disclosed = disclosed;
        KeyBinding = keyBinding;
        KeyBindingIssuedAt = keyBindingIssuedAt;
    }

    /// <summary>Whether the SD-JWT passed every check.</summary>
    [MemberNotNullWhen(true, nameof(Claims), nameof(ProcessedClaims), nameof(IssuerHeader))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsValid => Failure is null;

    /// <summary>Why it was refused; null when valid.</summary>
    public SdJwtFailure? Failure { get; }

    /// <summary>The processed claims as a read-only JSON object (the form the verifier checks them in); null when refused.</summary>
    public JsonElement? ProcessedClaims { get; }

    /// <summary>
    /// The processed claims as a node tree (made from <see cref="ProcessedClaims"/> on first use, a new object each
    /// verification, the caller's to keep); null when refused.
    /// </summary>
    public JsonObject? Claims => claims ??= ProcessedClaims is { } processed ? JsonObject.Create(processed) : null;

    /// <summary>The header of the issuer-signed JWT (first signature); null when refused.</summary>
    public JoseHeader? IssuerHeader { get; }

    /// <summary>The Disclosures used, each with its claim's place in <see cref="Claims"/>; parents before children.</summary>
    public IReadOnlyList<DisclosedClaim> Disclosed { get; }

    /// <summary>Whether a KB-JWT was presented and verified.</summary>
    public KeyBindingStatus KeyBinding { get; }

    /// <summary>The verified KB-JWT's <c>iat</c>, or null.</summary>
    public DateTimeOffset? KeyBindingIssuedAt { get; }

    internal static SdJwtVerification Valid(JsonElement claims, JoseHeader header, IReadOnlyList<DisclosedClaim> disclosed, DateTimeOffset? keyBindingIssuedAt) =>
        new(null, claims, header, disclosed, keyBindingIssuedAt is null ? KeyBindingStatus.Absent : KeyBindingStatus.Verified, keyBindingIssuedAt);

    internal static SdJwtVerification Refused(SdJwtFailure failure) => new(failure, null, null, [], KeyBindingStatus.Absent, null);
}
