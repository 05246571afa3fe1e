using Credentials.Model;

namespace Credentials.Verification;

/// <summary>What one step found: its result, a sentence for people, and the findings behind it.</summary>
public sealed record StepOutcome(VerificationStep Step, StepResult Result, string Message, IReadOnlyList<Finding> Findings)
{
    /// <summary>The code that explains the result: the first blocking finding, else the first finding.</summary>
    public FindingCode? Code => (Findings.FirstOrDefault(f => f.IsBlocking) ?? (Findings.Count > 0 ? Findings[0] : null))?.Code;

    /// <summary>
    /// Whether this step rejects the document: NOT PASSED, or N/A with a blocking finding (a check that could
    /// not be made and must not let the document through, e.g. trust data too old).
    /// </summary>
    public bool Rejects => Result == StepResult.NotPassed || (Result == StepResult.NotApplicable && Findings.Any(f => f.IsBlocking));

    public static StepOutcome Passed(VerificationStep step, string message) => new(step, StepResult.Passed, message, []);

    public static StepOutcome NotPassed(VerificationStep step, Finding finding) => new(step, StepResult.NotPassed, finding.Message, [finding]);

    /// <summary>NOT PASSED when any finding blocks, WARNING when there are only warnings, else PASSED.</summary>
    public static StepOutcome FromFindings(VerificationStep step, IReadOnlyList<Finding> findings, string passedMessage)
    {
        if (findings.FirstOrDefault(f => f.IsBlocking) is { } blocking)
        {
            return new StepOutcome(step, StepResult.NotPassed, blocking.Message, findings);
        }

        return findings.Count > 0
            ? new StepOutcome(step, StepResult.Warning, string.Join(" ", findings.Select(f => f.Message)), findings)
            : Passed(step, passedMessage);
    }
}
