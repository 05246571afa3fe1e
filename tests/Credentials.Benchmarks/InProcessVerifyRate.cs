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
        Console.WriteLine($"in-process VerifyOffline on {Environment.ProcessorCount} cores: {count / watch.Elapsed.TotalSeconds:F0} verifications/s over {watch.Elapsed.TotalSeconds:F1} s (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }
}
