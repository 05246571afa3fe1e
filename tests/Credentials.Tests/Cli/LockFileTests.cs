using System.Diagnostics;
using System.Text;
using Credentials.IO;

namespace Credentials.Tests.Cli;

/// <summary>
/// No <c>.lock</c> file is left beside the files the command line writes (a PDF, a QR text, the demo's folder, the
/// folder of status lists a web server serves), while writers of one file still take turns and lose nothing.
/// </summary>
public sealed class LockFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-locks-").FullName;

    private string File(string name) => Path.Combine(folder, name);

    private string[] LeftOver() =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".lock", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal))];

    [SkippableFact]
    public void Issuing_and_the_demo_leave_only_the_files_asked_for()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "lock files are removed on Linux only (elsewhere the identity check they need is not available)");
        var result = CliProcess.Run(["issue", "prc", "--request", CliSamples.WriteRequest(folder), .. CliSamples.Key, "--out-pdf", File("out/prc.pdf"), "--out-qr-text", File("out/prc.txt"), "--out-png", File("out/prc.png")]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["prc.pdf", "prc.png", "prc.txt"], Directory.GetFiles(File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var demo = CliProcess.Run("demo", "--out", File("demo"));
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Empty(LeftOver());
    }

    [SkippableFact]
    public void A_revoked_list_and_a_batch_folder_keep_no_lock_file()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "lock files are removed on Linux only");
        var revoke = CliProcess.Run(["revoke", "--jti", "one", "--list", File("www/BE-0120/prc"), "--institution", "BE:0120", .. CliSamples.Key]);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var batch = CliProcess.Run(["issue", "batch", "--requests", Repository.Samples("requests", "batch.jsonl"), .. CliSamples.Key, "--out-dir", File("batch")]);
        Assert.True(batch.ExitCode is 0 or 1, batch.ToString());
        Assert.Equal(["prc"], Directory.GetFiles(File("www/BE-0120")).Select(Path.GetFileName));
        Assert.Empty(LeftOver());
        Assert.DoesNotContain(Directory.GetFiles(File("batch"), "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith(".batch", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Processes_taking_turns_on_one_file_lose_nothing_though_each_release_deletes_the_lock()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "lock files are removed on Linux only");
        var writer = Path.Combine(AppContext.BaseDirectory, "Credentials.Testing.FileWriter.dll");
        const int Processes = 8;
        const int Each = 40;
        var target = File("list.txt");
        var runs = Enumerable.Range(1, Processes).Select(p =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "exec", writer, target, $"process-{p}", Each.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return Process.Start(start)!;
        }).ToList();

        // Meanwhile, threads of this process take the same lock: a release that deleted a lock another writer had
        // opened must never let two writers in at once (each update reads the file and appends one line).
        var threads = Enumerable.Range(1, 4).Select(t => new Thread(() =>
        {
            for (var i = 1; i <= Each; i++)
            {
                SharedFile.Update(target, current => [.. current ?? [], .. Encoding.UTF8.GetBytes($"thread-{t} {i}\n")], maxBytes: 1 << 20, timeout: TimeSpan.FromMinutes(1));
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        foreach (var run in runs)
        {
            using (run)
            {
                var error = run.StandardError.ReadToEnd();
                Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), "a writer did not finish");
                Assert.True(run.ExitCode == 0, error);
            }
        }

        threads.ForEach(thread => thread.Join());
        var lines = System.IO.File.ReadAllLines(target);
        var expected = Enumerable.Range(1, Processes).SelectMany(p => Enumerable.Range(1, Each).Select(i => $"process-{p} {i}"))
            .Concat(Enumerable.Range(1, 4).SelectMany(t => Enumerable.Range(1, Each).Select(i => $"thread-{t} {i}")));
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.False(System.IO.File.Exists(SharedFile.LockPathFor(target)), "the lock file was left behind");
    }

    [SkippableFact]
    public void A_lock_held_is_still_exclusive_and_its_file_goes_when_it_is_released()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "lock files are removed on Linux only");
        var target = File("state.json");
        using (SharedFile.Lock(target))
        {
            Assert.True(System.IO.File.Exists(SharedFile.LockPathFor(target)));
            Assert.Throws<IOException>(() => SharedFile.Write(target, "x"u8, TimeSpan.FromMilliseconds(200)));
        }

        Assert.False(System.IO.File.Exists(SharedFile.LockPathFor(target)));
        SharedFile.Write(target, "after"u8);
        Assert.Equal("after", System.IO.File.ReadAllText(target));
        Assert.Equal(["state.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
