using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Verification;

/// <summary>One finding in a format-neutral report (<see cref="VerificationRecord"/>): its stable code, whether it blocks, its sentence and the claim or member it concerns.</summary>
/// <param name="Code">The stable SCREAMING_SNAKE_CASE code (the QR path's <see cref="FindingCode"/> wire names, or a wallet code).</param>
/// <param name="Severity">Whether it blocks.</param>
/// <param name="Text">The sentence, in any language of the <see cref="MessageCatalog"/>.</param>
/// <param name="Path">The JSON Pointer of the member or claim, when it concerns one.</param>
public sealed record ReportFinding(string Code, FindingSeverity Severity, MessageText Text, string? Path = null)
{
    /// <summary>Whether it blocks the approval.</summary>
    public bool IsBlocking => Severity == FindingSeverity.Error;

    /// <summary>A QR path finding, with its code's wire name.</summary>
    public static ReportFinding From(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new(finding.Code.ToWireName(), finding.Severity, finding.Text, finding.Path);
    }
}
