using System.Globalization;

namespace Credentials.Tests.Cli;

/// <summary>
/// <c>--trust-as-of</c> in the future is refused (it would give the trust data a negative age that passes any
/// freshness check), beyond a skew of 5 minutes; and a rejected report's header shows the treatment date the
/// verification was for.
/// </summary>
public sealed class VerifyTrustTimeAndDateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-trust-time-").FullName;

    private string QrFile()
    {
        var path = Path.Combine(folder, "prc.txt");
        File.WriteAllText(path, CliSamples.IssueQrText(folder) + "\n");
        return path;
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public void A_trust_time_in_the_future_is_refused_and_a_few_minutes_of_skew_are_not()
    {
        var qr = QrFile();
        string[] Verify(DateTimeOffset asOf) => ["verify", qr, "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", CliSamples.TreatmentDate, "--trust-as-of", Instant(asOf)];

        var tomorrow = Instant(DateTimeOffset.UtcNow.AddDays(1));
        var future = CliProcess.Run(Verify(DateTimeOffset.UtcNow.AddDays(1)));
        CliSamples.AssertUsageError(future, $"--trust-as-of: {tomorrow} is in the future");
        Assert.Empty(future.Out);

        var skewed = CliProcess.Run(Verify(DateTimeOffset.UtcNow.AddMinutes(2)));
        Assert.True(skewed.ExitCode == 0, skewed.ToString());
        var past = CliProcess.Run(Verify(DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.True(past.ExitCode == 0, past.ToString());

        var wallet = CliProcess.Run("wallet", "verify", qr, "--registry", Repository.Samples("registry.json"), "--offline", "--trust-as-of", tomorrow);
        CliSamples.AssertUsageError(wallet, "--trust-as-of:");
    }

    [Fact]
    public void A_treatment_date_refused_at_step_1_is_the_one_in_the_report_header()
    {
        var result = CliProcess.Run("verify", QrFile(), "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", "2035-01-01");
        Assert.True(result.ExitCode == 1, result.ToString());
        var header = result.Out.Split('\n')[1];
        Assert.Contains("2035-01-01", header, StringComparison.Ordinal);
        Assert.DoesNotContain("treatment date -", header, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
