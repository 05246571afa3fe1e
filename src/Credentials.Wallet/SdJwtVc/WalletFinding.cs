using Credentials.Labels;
using Credentials.Model;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// One finding of a wallet verification: a stable code in SCREAMING_SNAKE_CASE (the QR path's codes where the
/// meaning is the same, e.g. <c>KEY_NOT_LINKED_TO_AUTHENTIC_SOURCE</c>; the SD-JWT layer's <see cref="SdJwtError"/>;
/// the wallet's own <see cref="WalletFindingCodes"/>), a message that names no personal data, and the claim path.
/// </summary>
/// <param name="Code">The stable code.</param>
/// <param name="Severity">Whether it blocks.</param>
/// <param name="Text">One sentence for people, in any language of the <see cref="MessageCatalog"/>.</param>
/// <param name="Path">The claim's JSON Pointer, when the finding concerns one.</param>
public sealed record WalletFinding(string Code, FindingSeverity Severity, MessageText Text, string? Path = null)
{
    /// <summary>The sentence in English.</summary>
    public string Message => Text.ToString();

    /// <summary>Whether it blocks the approval.</summary>
    public bool IsBlocking => Severity == FindingSeverity.Error;

    /// <summary>A blocking finding.</summary>
    public static WalletFinding Error(string code, MessageText text, string? path = null) => new(code, FindingSeverity.Error, text, path);

    /// <summary>A finding that is reported and does not block.</summary>
    public static WalletFinding Warning(string code, MessageText text, string? path = null) => new(code, FindingSeverity.Warning, text, path);

    /// <summary>A document or claim finding of the core's (e.g. a date rule), with its code's wire name.</summary>
    public static WalletFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Code.ToWireName(), finding.Severity, finding.Text, finding.Path);
    }

    /// <summary>A refusal of the SD-JWT layer: its <see cref="SdJwtError"/> as the code (e.g. <c>KEY_BINDING_NONCE_MISMATCH</c>), the rule it breaks as the sentence.</summary>
    public static WalletFinding From(SdJwtFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Error(WalletFindingCodes.Of(failure.Code), WalletMessages.Refusal(failure.Code));
    }

    /// <inheritdoc/>
    public override string ToString() => Path is null ? $"{Code}: {Message}" : $"{Code} at {Path}: {Message}";
}
