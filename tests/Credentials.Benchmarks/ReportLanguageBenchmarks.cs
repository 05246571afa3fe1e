using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// What the report's language costs: the verifier keeps message keys and arguments, and the export renders them from
/// the label data. The JSON export of one approved verification in English (the baseline) and in German.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ReportLanguageBenchmarks
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private DemoScenario scenario = null!;
    private VerificationReport report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        scenario = DemoScenario.Create(Today);
        var qr = new QrTokenIssuer(scenario.Signer, clock, TimeZoneInfo.Utc).Issue(Encoding.UTF8.GetBytes(scenario.SampleRequestJson())).Document!.QrText;
        report = new QrTokenVerifier(scenario.Registry, clock, options: new VerifierOptions { TimeZone = TimeZoneInfo.Utc }).VerifyOffline(qr, Today);
    }

    [GlobalCleanup]
    public void Cleanup() => scenario.Dispose();

    [Benchmark(Baseline = true, Description = "JSON export in English")]
    public int EnglishExport() => VerificationExport.ToJson(report).Length;

    [Benchmark(Description = "JSON export in German")]
    public int GermanExport() => VerificationExport.ToJson(report, language: "de").Length;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }
}
