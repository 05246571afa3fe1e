using System.Diagnostics;
using System.Text;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// One pipeline operation (QR verify, QR issue, or the cold load of the 150,000-certificate snapshot) in a loop on
/// one thread for a while, nothing else: a process to attach a sampling profiler to when a ratio needs explaining.
/// <c>perf</c> reads the JIT's frames with <c>DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0</c> in the
/// environment (<c>perf record -g -p PID</c> once the loop's first line names the process). Run with
/// <c>-- --profile-loop verify|issue|snapshot SECONDS</c>.
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string operation, int seconds)
    {
        if (operation == "snapshot")
        {
            var data = RegistryBenchmarks.Shared.Value;
            return Loop(operation, seconds, () => Trust.TrustSnapshotFormat.Open(File.ReadAllBytes(data.SnapshotPath), data.OperatorCertificate, highestAccepted: null).Registry.CertificateCount > 0);
        }

        var today = new DateOnly(2026, 6, 15);
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        using var scenario = DemoScenario.Create(today);
        var issuer = new QrTokenIssuer(scenario.Signer, clock, TimeZoneInfo.Utc);
        var verifier = new QrTokenVerifier(scenario.Registry, clock, options: new VerifierOptions { TimeZone = TimeZoneInfo.Utc });
        var request = Encoding.UTF8.GetBytes(scenario.SampleRequestJson());
        var qrText = issuer.Issue(request).Document!.QrText;
        Func<bool> step = operation switch
        {
            "verify" => () => verifier.VerifyOffline(qrText, today).IsApproved,
            "issue" => () => issuer.Issue(request).Document is not null,
            _ => throw new ArgumentException($"unknown operation '{operation}': verify, issue or snapshot."),
        };
        return Loop(operation, seconds, step);
    }

    private static int Loop(string operation, int seconds, Func<bool> step)
    {

        Console.WriteLine($"{operation}: looping for {seconds} s (process {Environment.ProcessId})");
        var count = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (!step())
            {
                throw new InvalidOperationException($"the {operation} operation failed.");
            }

            count++;
        }

        Console.WriteLine($"{operation}: {count} operations in {watch.Elapsed.TotalSeconds:F1} s, {watch.Elapsed.TotalMicroseconds / count:F1} µs each");
        return 0;
    }
}
