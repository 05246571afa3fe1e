using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Verification;

/// <summary>What one step found: its result, a sentence for people (in any language), and the findings behind it.</summary>
public sealed record StepOutcome(VerificationStep Step, StepResult Result, MessageText Text, IReadOnlyList<Finding> Findings)
{
    /// <summary>The sentence in English.</summary>
    public string Message => Text.ToString();

    /// <summary>The code that explains the result: the first blocking finding, else the first finding.</summary>
    public FindingCode? Code => (Findings.FirstOrDefault(f => f.IsBlocking) ?? (Findings.Count > 0 ? Findings[0] : null))?.Code;

    /// <summary>
    /// Whether this step rejects the document: NOT PASSED, or N/A with a blocking finding (a check that could
    /// not be made and must not let the document through, e.g. trust data too old).
    /// </summary>
    public bool Rejects => Result == StepResult.NotPassed || (Result == StepResult.NotApplicable && Findings.Any(f => f.IsBlocking));

    /// <summary>The step passed, with its sentence.</summary>
    public static StepOutcome Passed(VerificationStep step, MessageText text) => new(step, StepResult.Passed, text, []);

    /// <summary>The step failed on this finding: the document is rejected and later steps are not run.</summary>
    public static StepOutcome NotPassed(VerificationStep step, Finding finding) => new(step, StepResult.NotPassed, finding.Text, [finding]);

    /// <summary>NOT PASSED when any finding blocks, WARNING when there are only warnings, else PASSED.</summary>
    public static StepOutcome FromFindings(VerificationStep step, IReadOnlyList<Finding> findings, MessageText passed)
    {
        if (findings.FirstOrDefault(f => f.IsBlocking) is { } blocking)
        {
            return new StepOutcome(step, StepResult.NotPassed, blocking.Text, findings);
        }

        return findings.Count > 0
            ? new StepOutcome(step, StepResult.Warning, MessageText.Join(" ", findings.Select(f => f.Text)), findings)
            : Passed(step, passed);
    }
}
