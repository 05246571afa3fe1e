using Credentials.Labels;
using Credentials.Verification;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>What one step of a wallet verification found: its result (as the QR report has them), a sentence, and the findings behind it.</summary>
public sealed record WalletStepOutcome(WalletVerificationStep Step, StepResult Result, MessageText Text, IReadOnlyList<WalletFinding> Findings)
{
    /// <summary>The sentence in English.</summary>
    public string Message => Text.ToString();

    /// <summary>The code that explains the result: the first blocking finding's, else the first finding's.</summary>
    public string? Code => (Findings.FirstOrDefault(f => f.IsBlocking) ?? (Findings.Count > 0 ? Findings[0] : null))?.Code;

    /// <summary>Whether the step rejects: NOT PASSED, or N/A with a blocking finding.</summary>
    public bool Rejects => Result == StepResult.NotPassed || (Result == StepResult.NotApplicable && Findings.Any(f => f.IsBlocking));

    /// <summary>The step's title in English.</summary>
    public string Title => WalletMessages.Title(Step);

    internal static WalletStepOutcome Passed(WalletVerificationStep step, MessageText text) => new(step, StepResult.Passed, text, []);

    internal static WalletStepOutcome NotPassed(WalletVerificationStep step, WalletFinding finding) => new(step, StepResult.NotPassed, finding.Text, [finding]);

    /// <summary>NOT PASSED when a finding blocks, WARNING when there are only warnings, else PASSED.</summary>
    internal static WalletStepOutcome FromFindings(WalletVerificationStep step, IReadOnlyList<WalletFinding> findings, MessageText passed)
    {
        if (findings.FirstOrDefault(f => f.IsBlocking) is { } blocking)
        {
            return new(step, StepResult.NotPassed, blocking.Text, findings);
        }

        return findings.Count > 0 ? new(step, StepResult.Warning, MessageText.Join(" ", findings.Select(f => f.Text)), findings) : Passed(step, passed);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{(int)Step}. {Result.ToWireName()} {Title}{(Code is { } code ? $" [{code}]" : string.Empty)}: {Message}";
}
