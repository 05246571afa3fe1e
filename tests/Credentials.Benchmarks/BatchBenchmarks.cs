using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Batch;
using Credentials.Issuance.Demo;

namespace Credentials.Benchmarks;

/// <summary>
/// Batch issuance end to end (read, issue, PDF, write) with one worker and with two, on a 2-core machine. Target:
/// throughput scales at least 1.7× from 1 to 2 cores, i.e. the 2-worker run takes at most 1/1.7 = 0.59 of the time.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int Requests = 1_000;
    private DemoScenario scenario = null!;
    private string requests = null!;

    [Params(1, 2)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        scenario = DemoScenario.Create(new DateOnly(2026, 6, 15));
        requests = Path.Combine(Path.GetTempPath(), $"credentials-bench-{Environment.ProcessId}.jsonl");
        var template = JsonNode.Parse(scenario.SampleRequestJson())!;
        using var writer = new StreamWriter(requests, append: false, new UTF8Encoding(false));
        for (var i = 0; i < Requests; i++)
        {
            template["jti"] = $"bench-{i}";
            template["prc"]!["fn"] = $"Person {i}";
            writer.WriteLine(template.ToJsonString());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(requests);
        scenario.Dispose();
    }

    [Benchmark(Description = "batch of 1,000 requests to PDFs")]
    public long Batch()
    {
        var folder = Directory.CreateTempSubdirectory("credentials-bench-batch-").FullName;
        try
        {
            var clock = new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
            var summary = new BatchIssuer(scenario.Signer, clock).Run(requests, new BatchOptions { OutputFolder = folder, Workers = Workers });
            return summary.Issued == Requests ? summary.Issued : throw new InvalidOperationException($"issued {summary.Issued} of {Requests}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
    }
}
