using Credentials.Model;
using Credentials.Verification;

namespace Credentials.Tests.Support;

internal static class ReportAssert
{
    public static void Approved(VerificationReport report)
    {
        Assert.True(report.IsApproved, Describe(report));
        Assert.DoesNotContain(report.Steps, s => s.Result == StepResult.NotPassed);
        Assert.Equal(VerificationStep.Conclusion, report.Steps[^1].Step);
    }

    /// <summary>Rejected at exactly this step with this code, and no step after it was run.</summary>
    public static void RejectedAt(VerificationReport report, VerificationStep step, FindingCode code)
    {
        Assert.False(report.IsApproved, "expected a rejection, but the document was approved");
        var failed = report.FailedStep;
        Assert.NotNull(failed);
        Assert.True(step == failed.Step, $"expected rejection at step {(int)step} {step}, got step {(int)failed.Step} {failed.Step}: {failed.Message}");
        Assert.True(code == failed.Code, $"expected code {code}, got {failed.Code}: {failed.Message}");
        Assert.Equal(report.Steps.Count - 2, report.Steps.ToList().IndexOf(failed));
        Assert.Equal(VerificationStep.Conclusion, report.Steps[^1].Step);
        Assert.Equal(StepResult.NotPassed, report.Steps[^1].Result);
    }

    public static string Describe(VerificationReport report) =>
        string.Join(" | ", report.Steps.Select(s => $"{(int)s.Step} {s.Result.ToWireName()} {s.Code} {s.Message}"));
}
