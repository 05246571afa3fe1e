using Credentials.Documents;
using Credentials.Status;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>One wallet credential to mint from a document.</summary>
public sealed record WalletIssueRequest
{
    /// <summary>The document (an eEHIC or an ISI+ card), as issued.</summary>
    public required HealthInsuranceDocument Document { get; init; }

    /// <summary>The document's id (its QR token's <c>jti</c>); the ISI+ credential's <c>document_number</c>.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The holder's public key, bound as <c>cnf.jwk</c>.</summary>
    public required PublicJwk HolderKey { get; init; }

    /// <summary>The credential's <c>jti</c>; a new random id when null.</summary>
    public string? CredentialId { get; init; }

    /// <summary>The status list entry allocated to this credential, or null for none (the credential then lives at most 24 hours).</summary>
    public StatusListEntry? Status { get; init; }

    /// <summary>How long the credential may be used (its <c>exp</c> − <c>iat</c>); never past the document's expiry, and at most 24 hours without a status list.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(90);
}
