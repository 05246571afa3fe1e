using System.Security.Cryptography;
using System.Text;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// The ES256 ratios of the QR pipeline measured in alternating blocks (<see cref="InterleavedComparison"/>): raw
/// P-256 verifies, then pipeline verifies, over and over, and the medians compared; the same for issuing against
/// raw P-256 signatures. BenchmarkDotNet measures one row after the other, so a neighbour's burst on a
/// shared machine lands in one row only; interleaving puts both rows under the same conditions. Run with
/// <c>dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-verify</c>.
/// </summary>
internal static class InterleavedVerifyRatio
{
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
        var request = Encoding.UTF8.GetBytes(scenario.SampleRequestJson());
        bool RawSign() => key.SignData(signingInput, HashAlgorithmName.SHA256).Length > 0;
        bool Issue() => issuer.Issue(request).Document is not null;

        // Issue "One credential model": verify at least 80% of the raw verify rate, issue at least 40% of the raw sign rate.
        InterleavedComparison.Run("verify ES256 from QR text vs raw P-256 verify", Raw, Pipeline, "at least 80% of the raw rate");
        InterleavedComparison.Run("issue ES256 request to QR text vs raw P-256 sign", RawSign, Issue, "at least 40% of the raw rate");
    }
}
