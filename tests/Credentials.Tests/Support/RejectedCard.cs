using System.Text;
using System.Text.Json.Nodes;
using Credentials.Verification;

namespace Credentials.Tests.Support;

/// <summary>An eEHIC issued on 2026-06-15, valid to 2028-06-30, verified for a treatment the day after it expired: rejected at step 7.</summary>
internal static class RejectedCard
{
    public static readonly DateOnly Treatment = new(2028, 7, 1);

    public static VerificationReport Verify(Scenario scenario)
    {
        var request = new JsonObject
        {
            ["jti"] = "ehic-language-1",
            ["ehic"] = new JsonObject
            {
                ["ic"] = "BE", ["fn"] = "Papadopoulou", ["gn"] = "Ελένη", ["dob"] = "1980-02-29", ["hi"] = "80022912345",
                ["in"] = "CM", ["ii"] = "0120", ["ci"] = "01200000000000012345", ["xd"] = "2028-06-30",
            },
        };
        var issued = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(request.ToJsonString()));
        Assert.True(issued.Succeeded, string.Join("; ", issued.Findings));
        var report = new QrTokenVerifier(scenario.Demo.Registry, Clock.At(Treatment)).Verify(issued.Document!.QrText, Treatment);
        Assert.Equal(VerificationStep.TreatmentPeriod, report.FailedStep?.Step);
        return report;
    }
}
