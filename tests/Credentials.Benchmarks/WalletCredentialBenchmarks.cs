using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Documents;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;

namespace Credentials.Benchmarks;

/// <summary>
/// The eEHIC as SD-JWT VC against the raw P-256 operations under it. Issue: the card's claims, two Disclosures,
/// x5c, cnf.jwk and a status list entry, ES256 (target: at least 50% of the raw sign rate). Verify: a presentation of
/// both numbers with Key Binding (two signatures), trusted through the registry, every step up to the status, read
/// from a cached Token Status List (target: at least 42% of the raw verify rate, i.e. at most 2.38 times its time).
/// Interleaved blocks for a shared machine: <c>-- --interleaved-wallet</c>.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class WalletCredentialBenchmarks
{
    private const string Audience = "https://hospital.example.org";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");
    private static readonly DateOnly TreatmentDate = new(2026, 6, 10);

    private TestPki pki = null!;
    private CertificateSigner signer = null!;
    private InMemorySigner holder = null!;
    private PublicJwk holderJwk = null!;
    private WalletCredentialIssuer issuer = null!;
    private WalletCredentialVerifier verifier = null!;
    private WalletIssueRequest request = null!;
    private KeyBindingExpectation expectation = null!;
    private HttpClient http = null!;
    private string presentation = null!;
    private ECDsa rawKey = null!;
    private byte[] rawData = null!;
    private byte[] rawSignature = null!;

    /// <summary>Both ratios in alternating blocks (raw, then ours), medians and fastest blocks compared.</summary>
    public static void RunInterleaved()
    {
        var bench = new WalletCredentialBenchmarks();
        bench.Setup();
        InterleavedComparison.Run("SD-JWT VC eEHIC issue vs raw P-256 sign", () => bench.RawSign().Length > 0, () => bench.IssueEhic().Length > 0, "at least 50% of the raw rate");
        InterleavedComparison.Run("SD-JWT VC eEHIC+KB verify vs raw P-256 verify", bench.RawVerify, bench.VerifyPresentation, "at least 42% of the raw rate");
        bench.Cleanup();
    }

    /// <summary>The verification alone, over and over for <paramref name="seconds"/>, so a sampling profiler sees nothing else.</summary>
    public static void RunVerifyLoop(int seconds)
    {
        var bench = new WalletCredentialBenchmarks();
        bench.Setup();
        var count = 0L;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (!bench.VerifyPresentation())
            {
                throw new InvalidOperationException("the benchmark's presentation no longer verifies.");
            }

            count++;
        }

        Console.WriteLine($"{count:N0} verifications in {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMicroseconds / count:F1} µs each by the wall clock)");
        bench.Cleanup();
    }

    [GlobalSetup]
    public void Setup()
    {
        pki = new TestPki(Now.AddDays(-30));
        signer = pki.IssueSigner("BE:0120 wallet signer", false, Now.AddDays(-30), Now.AddYears(3));
        holder = InMemorySigner.CreateP256();
        holderJwk = PublicJwk.FromKey(holder.PublicKey);
        var clock = new FixedClock(Now);
        var card = new EuropeanHealthInsuranceCard(new DocumentHolder("Dupont-Müller", "Émilie Zoë", PartialDate.Parse("1987-04-00")), new CompetentInstitution(Institution, "CM"), "87040012345", "01200000012345678901", new DateOnly(2026, 6, 1), new DateOnly(2031, 12, 31));
        var list = new Uri("https://status.example.org/BE-0120/1");
        request = new WalletIssueRequest { Document = card, DocumentId = "0f4e1d2c-7b6a-4c59-8e3d-2a1b0c9d8e7f", HolderKey = holderJwk, Status = new StatusListEntry(list, 4711), CredentialId = "c-1" };
        issuer = new WalletCredentialIssuer(signer, clock, new WalletIssuerOptions { Issuer = "https://issuer.example.org" });

        var registry = new TrustRegistry([new RegistryIssuer(Institution, "CM", [new TrustedCertificate(signer.Certificate)], [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), null)])]);
        var statuses = new StatusList(2, 1 << 17);
        var token = new StatusListToken(list, Now.AddMinutes(-1), statuses) { ExpiresAt = Now.AddDays(1), TimeToLive = TimeSpan.FromHours(1) };
        http = new HttpClient(new MemoryHandler(Encoding.ASCII.GetBytes(StatusListTokenFormat.SignJwt(token, signer))));
        verifier = new WalletCredentialVerifier(registry, clock, new TokenStatusListChecker(http, registry, clock));
        expectation = new KeyBindingExpectation(Audience, Nonce);

        SdJwtHolder.TryOpen(IssueEhic(), clock, null, out var opened, out _);
        presentation = opened!.Present(WalletCredentialType.Ehic.SelectivelyDisclosable, new KeyBindingRequest(holder, Audience, Nonce)).ToCompact();
        var report = verifier.VerifyAsync(presentation, expectation, TreatmentDate).GetAwaiter().GetResult();
        if (!report.IsApproved || report.Status?.Status != CredentialStatus.Valid)
        {
            throw new InvalidOperationException("the benchmark's presentation does not verify: " + string.Join(" | ", report.Steps));
        }

        rawKey = (ECDsa)signer.AsAsymmetricAlgorithm();
        var jwt = presentation[..presentation.IndexOf('~', StringComparison.Ordinal)];
        rawData = Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);
        rawSignature = rawKey.SignData(rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        holderJwk.Dispose();
        holder.Dispose();
        signer.Dispose();
        pki.Dispose();
    }

    [Benchmark(Description = "raw P-256 sign (ECDsa.SignData)")]
    [BenchmarkCategory("issue")]
    public byte[] RawSign() => rawKey.SignData(rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "SD-JWT VC eEHIC issue (x5c, cnf, status, 2 Disclosures)")]
    [BenchmarkCategory("issue")]
    public string IssueEhic() => issuer.Issue(request).Credential!.SdJwt;

    [Benchmark(Description = "raw P-256 verify (ECDsa.VerifyData)")]
    [BenchmarkCategory("verify")]
    public bool RawVerify() => rawKey.VerifyData(rawData, rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "SD-JWT VC eEHIC+KB verify (registry, every step, cached status list)")]
    [BenchmarkCategory("verify")]
    public bool VerifyPresentation() => verifier.VerifyAsync(presentation, expectation, TreatmentDate).GetAwaiter().GetResult().IsApproved;


    private sealed class MemoryHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(StatusListTokenFormat.JwtMediaType);
            return Task.FromResult(response);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
