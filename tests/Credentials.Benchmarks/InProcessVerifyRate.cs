using System.Diagnostics;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// The in-process verification rate on every core, the reference for the verify API under load: a parallel loop
/// over <see cref="QrTokenVerifier.VerifyOffline"/> with one verifier, the given QR text and a registry file. Run with
/// <c>-- --in-process-verify QR-TEXT-FILE REGISTRY-FILE [SECONDS]</c>.
/// </summary>
internal static class InProcessVerifyRate
{
    public static void Run(string qrTextFile, string registryFile, int seconds)
    {
        var text = File.ReadAllText(qrTextFile).Trim();
        var verifier = new QrTokenVerifier(ResolverListFormat.Load(registryFile), TimeProvider.System);
        if (!verifier.VerifyOffline(text).IsApproved)
        {
            throw new InvalidOperationException("the QR text does not verify against the registry.");
        }

        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            verifier.VerifyOffline(text);
        }

        var count = 0L;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var stop = TimeSpan.FromSeconds(seconds);
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            var mine = 0L;
            while (watch.Elapsed < stop)
            {
                if (!verifier.VerifyOffline(text).IsApproved)
                {
                    throw new InvalidOperationException("a verification did not approve.");
                }

                mine++;
            }

            Interlocked.Add(ref count, mine);
        });
        // Per second of CPU time as well: on a shared machine the process gets only its share of the cores, and the
        // host, with more threads, gets a larger one; per CPU second the two compare whatever the share.
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"in-process VerifyOffline on {Environment.ProcessorCount} cores: {count / watch.Elapsed.TotalSeconds:F0} verifications/s over {watch.Elapsed.TotalSeconds:F1} s, {count / cpu:F0} per CPU second ({cpu / watch.Elapsed.TotalSeconds:F2} cores used; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }
}
