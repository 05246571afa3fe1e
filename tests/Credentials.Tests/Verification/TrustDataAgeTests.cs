using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Tests.Verification;

/// <summary>EC ePRC spec §5, "Offline": the age of the trust data is reported, and data too old never approves.</summary>
public sealed class TrustDataAgeTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    private TrustRegistry RegistryAged(TimeSpan age) => new([scenario.Demo.Issuer], scenario.Clock.GetUtcNow() - age);

    [Fact]
    public void Fresh_trust_data_passes_step_4_and_its_age_is_in_the_export()
    {
        var report = scenario.Verifier(RegistryAged(TimeSpan.FromHours(3))).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Passed, report.Step(VerificationStep.ResolveKey)!.Result);
        Assert.Contains("\"ageHours\": 3", VerificationExport.ToJson(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_data_older_than_24_hours_is_a_warning_at_step_4()
    {
        var report = scenario.Verifier(RegistryAged(TimeSpan.FromHours(30))).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.Approved(report);
        var step = report.Step(VerificationStep.ResolveKey)!;
        Assert.Equal((StepResult.Warning, FindingCode.TrustDataStale), (step.Result, step.Code));
        Assert.Contains("30 hours", step.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_data_past_the_hard_limit_makes_step_4_not_applicable_and_never_approves()
    {
        var report = scenario.Verifier(RegistryAged(TimeSpan.FromDays(8))).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.RejectedAt(report, VerificationStep.ResolveKey, FindingCode.TrustDataTooOld);
        Assert.Equal(StepResult.NotApplicable, report.Step(VerificationStep.ResolveKey)!.Result);
        Assert.Null(report.Issuer);
    }

    [Fact]
    public void The_hard_limit_is_configurable()
    {
        var verifier = new QrTokenVerifier(RegistryAged(TimeSpan.FromDays(8)), scenario.Clock, options: new VerifierOptions { MaxTrustDataAge = TimeSpan.FromDays(30) });
        var report = verifier.Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Warning, report.Step(VerificationStep.ResolveKey)!.Result);
    }

    [Fact]
    public void A_registry_file_of_unknown_age_reports_no_age()
    {
        var report = scenario.Verifier().Verify(scenario.IssueValid().QrText, Scenario.Today);
        Assert.Null(report.TrustDataAsOf);
        Assert.DoesNotContain("trustData", VerificationExport.ToJson(report), StringComparison.Ordinal);
    }

    public void Dispose() => scenario.Dispose();
}
