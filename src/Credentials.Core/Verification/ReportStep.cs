using Credentials.Labels;

namespace Credentials.Verification;

/// <summary>
/// One step of a format-neutral report (<see cref="VerificationRecord"/>): its number and stable name in the format's
/// order, its title, its result, its sentence, and the findings behind it.
/// </summary>
/// <param name="Number">The step's number in its format's sequence (1–8 for a QR token, 1–10 for an SD-JWT VC).</param>
/// <param name="Name">The stable name, e.g. <c>signature-and-trust</c> (specs/verification-export.md lists them).</param>
/// <param name="Title">The title, in any language.</param>
/// <param name="Result">PASSED, NOT PASSED, WARNING or N/A.</param>
/// <param name="Text">The step's sentence, in any language.</param>
/// <param name="Findings">The findings behind the result.</param>
public sealed record ReportStep(int Number, string Name, MessageText Title, StepResult Result, MessageText Text, IReadOnlyList<ReportFinding> Findings)
{
    /// <summary>The code that explains the result: the first blocking finding's, else the first finding's.</summary>
    public string? Code => (Findings.FirstOrDefault(f => f.IsBlocking) ?? (Findings.Count > 0 ? Findings[0] : null))?.Code;

    /// <summary>Whether this step rejects: NOT PASSED, or N/A with a blocking finding.</summary>
    public bool Rejects => Result == StepResult.NotPassed || (Result == StepResult.NotApplicable && Findings.Any(f => f.IsBlocking));
}
