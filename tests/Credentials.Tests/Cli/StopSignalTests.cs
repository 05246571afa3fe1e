using System.Diagnostics;
using System.Text;
using Credentials.Scanning;

namespace Credentials.Tests.Cli;

/// <summary>
/// SIGTERM (systemd, <c>docker stop</c>) stops a long-running command as Ctrl-C (SIGINT) does: at a clean point,
/// saying so, every file written complete.
/// </summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-stop-").FullName;

    private string Out => Path.Combine(folder, "out");

    /// <summary>The new user's file: 20,000 requests for the sample signer, each with its own jti.</summary>
    private string WriteRequests(int count)
    {
        var path = Path.Combine(folder, "big.jsonl");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            writer.WriteLine(CliSamples.PrcRequest($"big-{i}").ToJsonString());
        }

        return path;
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_batch_stopped_by_either_signal_finishes_the_documents_in_hand_and_says_how_to_go_on(string signal)
    {
        const int Count = 20_000;
        var requests = WriteRequests(Count);
        using var process = CliProcess.Start(["issue", "batch", "--requests", requests, .. CliSamples.Key, "--out-dir", Out]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var waiting = Stopwatch.StartNew();
        while (!process.HasExited && (!Directory.Exists(Out) || Directory.GetFiles(Out, "*.pdf").Length < 20) && waiting.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the batch ended before it could be stopped: " + await error);
        Signal(process, signal);
        await ExitWithin(process, TimeSpan.FromMinutes(1));
        var (stdout, stderr) = (await output, await error);

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("Stopped before the end: run the same command again to issue the rest", stdout, StringComparison.Ordinal);
        var issued = Directory.GetFiles(Out, "*.pdf");
        Assert.InRange(issued.Length, 20, Count - 1);
        Assert.Empty(Directory.GetFiles(Out, "*.partial"));
        Assert.Empty(Directory.GetFiles(Out, "*.tmp"));
        foreach (var pdf in issued)
        {
            Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(File.ReadAllBytes(pdf)).TrimEnd(), StringComparison.Ordinal);
        }

        Assert.Single(PdfQrReader.ReadAll(File.ReadAllBytes(issued[^1])));
    }

    [Fact]
    public async Task A_registry_sync_stopped_by_SIGTERM_says_so_in_one_line()
    {
        using var server = new LoopbackHttpServer();
        var body = File.ReadAllBytes(Repository.Samples("registry.json"));
        server.Handle("api/v1/issuers", _ => new LoopbackHttpServer.Reply(200, body, Delay: TimeSpan.FromMinutes(2)));
        var database = Path.Combine(folder, "registry.db");
        using var process = CliProcess.Start(["registry", "sync", "--from", server.Url("/").ToString().TrimEnd('/'), "--registry", database]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var waiting = Stopwatch.StartNew();
        while (server.Requests == 0 && !process.HasExited && waiting.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the sync ended before it could be stopped: " + await error);
        Signal(process, "TERM");
        await ExitWithin(process, TimeSpan.FromSeconds(30));
        var (stdout, stderr) = (await output, await error);

        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("credentials: stopped by SIGTERM before the end", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>Sends the signal as <c>kill</c> does, and checks that it was sent.</summary>
    private static void Signal(Process process, string signal)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start)!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{signal} {process.Id}: {error}");
    }

    private static async Task ExitWithin(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the command did not stop within {limit} of the signal");
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
