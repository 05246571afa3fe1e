using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Verification;

namespace Credentials.Benchmarks;

/// <summary>
/// The ePRC pipeline against the raw cryptography it is built on, on the same machine: each category's baseline
/// is the bare ECDsa/RSA operation over a token-sized input, so the Ratio column reads as "cost of the whole
/// pipeline relative to the signature alone". Floors (issue "One credential model"): verify ES256 from QR text
/// (<see cref="QrTokenVerifier.VerifyOffline"/>) at least 80% of the raw P-256 verify rate (ratio at most 1.25), issue
/// ES256 from request JSON to QR text (<see cref="QrTokenIssuer.Issue"/>) at least 40% of the raw sign rate (ratio at
/// most 2.5). On a shared machine read the ratios from <c>--interleaved-verify</c>.
/// </summary>
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private DemoScenario es256 = null!;
    private DemoScenario rs256 = null!;
    private QrTokenIssuer es256Issuer = null!;
    private QrTokenIssuer rs256Issuer = null!;
    private QrTokenVerifier es256Verifier = null!;
    private QrTokenVerifier rs256Verifier = null!;
    private byte[] request = null!;
    private string es256Qr = null!;
    private string rs256Qr = null!;
    private byte[] signingInput = null!;
    private byte[] es256Signature = null!;
    private byte[] rs256Signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        es256 = DemoScenario.Create(Today);
        rs256 = DemoScenario.Create(Today, rsa: true);
        es256Issuer = new QrTokenIssuer(es256.Signer, clock, TimeZoneInfo.Utc);
        rs256Issuer = new QrTokenIssuer(rs256.Signer, clock, TimeZoneInfo.Utc);
        es256Verifier = new QrTokenVerifier(es256.Registry, clock, options: new VerifierOptions { TimeZone = TimeZoneInfo.Utc });
        rs256Verifier = new QrTokenVerifier(rs256.Registry, clock, options: new VerifierOptions { TimeZone = TimeZoneInfo.Utc });
        request = Encoding.UTF8.GetBytes(es256.SampleRequestJson());
        var es256Token = es256Issuer.Issue(request).Document!;
        es256Qr = es256Token.QrText;
        rs256Qr = rs256Issuer.Issue(request).Document!.QrText;

        // The raw baselines sign and verify the same signing input the pipeline does.
        signingInput = Encoding.ASCII.GetBytes(es256Token.Token[..es256Token.Token.LastIndexOf('.')]);
        es256Signature = ((ECDsa)es256.Signer.AsAsymmetricAlgorithm()).SignData(signingInput, HashAlgorithmName.SHA256);
        rs256Signature = ((RSA)rs256.Signer.AsAsymmetricAlgorithm()).SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (!VerifyEs256FromText() || !VerifyRs256FromText())
        {
            throw new InvalidOperationException("the benchmark documents do not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        es256.Dispose();
        rs256.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw P-256 verify")]
    [BenchmarkCategory("verify ES256")]
    public bool RawP256Verify() => ((ECDsa)es256.Signer.AsAsymmetricAlgorithm()).VerifyData(signingInput, es256Signature, HashAlgorithmName.SHA256);

    [Benchmark(Description = "verify ES256 from QR text")]
    [BenchmarkCategory("verify ES256")]
    public bool VerifyEs256FromText() => es256Verifier.VerifyOffline(es256Qr, Today).IsApproved;

    [Benchmark(Baseline = true, Description = "raw RSA-2048 verify")]
    [BenchmarkCategory("verify RS256")]
    public bool RawRsaVerify() => ((RSA)rs256.Signer.AsAsymmetricAlgorithm()).VerifyData(signingInput, rs256Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "verify RS256 from QR text")]
    [BenchmarkCategory("verify RS256")]
    public bool VerifyRs256FromText() => rs256Verifier.VerifyOffline(rs256Qr, Today).IsApproved;

    [Benchmark(Baseline = true, Description = "raw P-256 sign")]
    [BenchmarkCategory("issue ES256")]
    public byte[] RawP256Sign() => ((ECDsa)es256.Signer.AsAsymmetricAlgorithm()).SignData(signingInput, HashAlgorithmName.SHA256);

    [Benchmark(Description = "issue ES256 request to QR text")]
    [BenchmarkCategory("issue ES256")]
    public string IssueEs256ToText() => es256Issuer.Issue(request).Document!.QrText;

    [Benchmark(Baseline = true, Description = "raw RSA-2048 sign")]
    [BenchmarkCategory("issue RS256")]
    public byte[] RawRsaSign() => ((RSA)rs256.Signer.AsAsymmetricAlgorithm()).SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "issue RS256 request to QR text")]
    [BenchmarkCategory("issue RS256")]
    public string IssueRs256ToText() => rs256Issuer.Issue(request).Document!.QrText;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: no generated project to restore, so the suite runs offline. 30 iterations and the median
            // beside the mean: on a shared machine a neighbour's burst lands in a few iterations, and the median
            // shows the code's cost without it.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(30));
            AddColumn(StatisticColumn.Median);
        }
    }
}
