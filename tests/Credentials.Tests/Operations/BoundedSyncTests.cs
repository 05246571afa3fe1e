using System.Diagnostics;
using System.Globalization;
using Credentials.Trust.Store.Sync;

namespace Credentials.Tests.Operations;

/// <summary>
/// <c>credentials registry sync</c> as a child process against hostile and failing resolvers on 127.0.0.1: the list
/// is bounded, refused early with one line, and the process's memory stays within twice the limit.
/// </summary>
public sealed class BoundedSyncTests : IDisposable
{
    private const long Limit = 32L * 1024 * 1024;
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-bounded-").FullName;
    private readonly Lazy<LoopbackHttpServer> resolver = new(() => new LoopbackHttpServer());

    private LoopbackHttpServer Server => resolver.Value;

    private string Database => Path.Combine(folder, "registry.db");

    [SkippableFact]
    public void An_endless_list_is_refused_within_the_limit_and_memory_stays_under_twice_the_limit()
    {
        TestEnvironment.Require(File.Exists("/proc/self/status"), "Linux /proc (the child's peak memory, VmHWM)");

        // The same command against a small list: what the program itself needs, to subtract.
        Server.ServeFile(EcResolverSource.ListPath, Repository.Samples("registry.json"));
        var (baseline, small) = RunMeasured(Server.Url("/"), Path.Combine(folder, "small.db"));
        Assert.True(small.ExitCode == 0, small.ToString());

        using var endless = RawHttpServer.EndlessBody();
        var watch = Stopwatch.StartNew();
        var (peak, result) = RunMeasured(endless.Address, Database);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("refused: the body is longer than the 32 MiB allowed", line, StringComparison.Ordinal);
        Assert.Contains("--max-bytes", line, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", line, StringComparison.Ordinal);

        // Refused within the limit: the server could send only the limit plus what the sockets buffer.
        Assert.True(endless.BodyBytesSent < Limit + (16L << 20), $"the server sent {endless.BodyBytesSent} bytes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");

        // Memory: the child's peak resident set (VmHWM) above the same command's peak on a small list.
        var growth = peak - baseline;
        Assert.True(growth < 2 * Limit, $"peak {peak / 1024} KiB, baseline {baseline / 1024} KiB: grew {growth / (1024 * 1024)} MiB for a limit of {Limit / (1024 * 1024)} MiB");
    }

    [Fact]
    public void A_list_that_announces_more_than_the_limit_is_refused_before_its_body_is_read()
    {
        using var huge = RawHttpServer.AnnouncesHugeBody();
        var watch = Stopwatch.StartNew();
        var result = CliProcess.Run(["registry", "sync", "--from", huge.Address.ToString(), "--registry", Database], timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("announces 1073741824 bytes, more than the 64 MiB allowed", result.Error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}: the server never sends the rest, so only an early refusal ends");
    }

    [Fact]
    public void Sync_says_on_standard_error_which_attempts_failed_while_it_retries()
    {
        var calls = 0;
        Server.Handle(EcResolverSource.ListPath, _ => Interlocked.Increment(ref calls) <= 2
            ? new LoopbackHttpServer.Reply(503, [])
            : new LoopbackHttpServer.Reply(200, File.ReadAllBytes(Repository.Samples("registry.json"))));
        var result = CliProcess.Run(["registry", "sync", "--from", Server.Url("/").ToString(), "--registry", Database], timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        var progress = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, progress.Length);
        Assert.StartsWith("credentials: sync: attempt 1 of 3 failed: ", progress[0], StringComparison.Ordinal);
        Assert.StartsWith("credentials: sync: attempt 2 of 3 failed: ", progress[1], StringComparison.Ordinal);
        Assert.All(progress, line => Assert.Contains("HTTP 503", line, StringComparison.Ordinal));
        Assert.Contains("(3 attempt(s))", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("lots")]
    [InlineData("1024MiB")]
    public void A_bad_limit_is_refused_in_one_line_naming_the_option(string value)
    {
        var result = CliProcess.Run("registry", "sync", "--from", Server.Url("/").ToString(), "--registry", Database, "--max-bytes", value);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("credentials: --max-bytes: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, Server.Requests);
    }

    public void Dispose()
    {
        if (resolver.IsValueCreated)
        {
            resolver.Value.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Runs a sync with a 32 MiB limit, sampling the child's VmHWM until it exits; answers the last sample in bytes.</summary>
    private static (long PeakBytes, CliProcess.Result Result) RunMeasured(Uri from, string database)
    {
        using var process = CliProcess.Start(["registry", "sync", "--from", from.ToString(), "--registry", database, "--max-bytes", "32MiB"]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            peak = Math.Max(peak, ReadHighWaterMark(process.Id));
            Thread.Sleep(2);
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the sync did not finish in time.");
        }

        return (peak, new CliProcess.Result(process.ExitCode, output.Result, error.Result));
    }

    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // it has just exited
        }
    }
}
