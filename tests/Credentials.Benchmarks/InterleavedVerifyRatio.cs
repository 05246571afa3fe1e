using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// The verify ES256 ratio measured in alternating blocks: raw P-256 verifies, then pipeline verifies, over and
/// over, and the medians compared. BenchmarkDotNet measures one row after the other, so a neighbour's burst on a
/// shared machine lands in one row only; interleaving puts both rows under the same conditions. Run with
/// <c>dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-verify</c>.
/// </summary>
internal static class InterleavedVerifyRatio
{
    private const int Rounds = 41;
    private const int BlockSize = 2000;

    public static void Run()
    {
        var today = new DateOnly(2026, 6, 15);
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        using var scenario = DemoScenario.Create(today);
        var issuer = new QrTokenIssuer(scenario.Signer, clock, TimeZoneInfo.Utc);
        var verifier = new QrTokenVerifier(scenario.Registry, clock, options: new VerifierOptions { TimeZone = TimeZoneInfo.Utc });
        var issued = issuer.Issue(Encoding.UTF8.GetBytes(scenario.SampleRequestJson())).Document!;
        var signingInput = Encoding.ASCII.GetBytes(issued.Token[..issued.Token.LastIndexOf('.')]);
        var key = (ECDsa)scenario.Signer.AsAsymmetricAlgorithm();
        var signature = key.SignData(signingInput, HashAlgorithmName.SHA256);

        bool Raw() => key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256);
        bool Pipeline() => verifier.VerifyOffline(issued.QrText, today).IsApproved;

        // Long enough for the JIT to reach its optimised tier for both paths.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            Raw();
            Pipeline();
        }

        var raw = new double[Rounds];
        var pipeline = new double[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            raw[round] = Block(Raw);
            pipeline[round] = Block(Pipeline);
        }

        Array.Sort(raw);
        Array.Sort(pipeline);
        var ratio = pipeline[Rounds / 2] / raw[Rounds / 2];
        Console.WriteLine($"raw P-256 verify: median {raw[Rounds / 2]:F2} µs, fastest block {raw[0]:F2} µs");
        Console.WriteLine($"verify ES256 from QR text: median {pipeline[Rounds / 2]:F2} µs, fastest block {pipeline[0]:F2} µs");
        Console.WriteLine($"ratio of medians {ratio:F3} ({100 / ratio:F1}% of the raw rate; floor: at least 80%, ratio at most 1.25)");
    }

    private static double Block(Func<bool> operation)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < BlockSize; i++)
        {
            if (!operation())
            {
                throw new InvalidOperationException("the benchmark document did not verify");
            }
        }

        return clock.Elapsed.TotalMicroseconds / BlockSize;
    }
}
