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
    public void A_batch_stopped_by_either_signal_finishes_the_documents_in_hand_and_says_how_to_go_on(string signal)
    {
        const int Count = 20_000;
        var requests = WriteRequests(Count);
        using var run = new Running(["issue", "batch", "--requests", requests, .. CliSamples.Key, "--out-dir", Out]);
        run.WaitUntil(() => Directory.Exists(Out) && Directory.GetFiles(Out, "*.pdf").Length >= 20, TimeSpan.FromMinutes(2));
        Signal(run.Process, signal);
        run.WaitForExit(TimeSpan.FromMinutes(1));

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        Assert.Contains("Stopped before the end: run the same command again to issue the rest", run.Output, StringComparison.Ordinal);
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
    public void A_registry_sync_stopped_by_SIGTERM_says_so_in_one_line()
    {
        using var server = new LoopbackHttpServer();
        var body = File.ReadAllBytes(Repository.Samples("registry.json"));
        server.Handle("api/v1/issuers", _ => new LoopbackHttpServer.Reply(200, body, Delay: TimeSpan.FromMinutes(2)));
        var database = Path.Combine(folder, "registry.db");
        using var run = new Running(["registry", "sync", "--from", server.Url("/").ToString().TrimEnd('/'), "--registry", database]);
        run.WaitUntil(() => server.Requests > 0, TimeSpan.FromMinutes(1));
        Signal(run.Process, "TERM");
        run.WaitForExit(TimeSpan.FromSeconds(30));

        Assert.True(run.Process.ExitCode == 143, run.ToString());
        Assert.Contains("credentials: stopped by SIGTERM before the end", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
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

    /// <summary>The command line running as a child process, with what it printed so far (read as it comes).</summary>
    private sealed class Running : IDisposable
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder error = new();

        public Running(IEnumerable<string> args)
        {
            Process = CliProcess.Start(args);
            Process.OutputDataReceived += (_, line) => Append(output, line.Data);
            Process.ErrorDataReceived += (_, line) => Append(error, line.Data);
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output => Text(output);

        public string Error => Text(error);

        /// <summary>Waits until <paramref name="ready"/> holds, failing if the command ends first or the time runs out.</summary>
        public void WaitUntil(Func<bool> ready, TimeSpan limit)
        {
            var waiting = Stopwatch.StartNew();
            while (!ready())
            {
                Assert.False(Process.HasExited, $"the command ended before it could be stopped: {this}");
                Assert.True(waiting.Elapsed < limit, $"not ready within {limit}: {this}");
                Thread.Sleep(20);
            }
        }

        public void WaitForExit(TimeSpan limit)
        {
            if (!Process.WaitForExit(limit))
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"the command did not stop within {limit} of the signal: {this}");
            }

            Process.WaitForExit(); // the rest of its output
        }

        public override string ToString() => $"exit {(Process.HasExited ? Process.ExitCode : -1)}\nstdout:\n{Output}\nstderr:\n{Error}";

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private static void Append(StringBuilder text, string? line)
        {
            if (line is not null)
            {
                lock (text)
                {
                    text.AppendLine(line);
                }
            }
        }

        private static string Text(StringBuilder text)
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
