using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet.StatusLists;

namespace Credentials.Benchmarks;

/// <summary>
/// Token Status Lists (draft-ietf-oauth-status-list-21). Targets: a status lookup in a decoded 2^20-entry list
/// ≤ 50 ns; fetching, verifying and decoding a 2^20-entry list with 1% revoked ≤ 5 ms. The list is served from
/// memory through an <see cref="HttpMessageHandler"/>, so the figure is the verifier's work, not the network's.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class StatusListBenchmarks
{
    private const int Entries = 1 << 20;
    private const int Lookups = 1024;
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Address = new("https://issuer.example/status/BE-0120/1");
    private static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");

    private StatusList decoded = null!;
    private long[] indexes = null!;
    private byte[] jwt = null!;
    private TrustRegistry registry = null!;
    private HttpClient http = null!;
    private CertificateSigner signer = null!;

    /// <summary>Bits per entry: 1 (the draft's size table) and 2 (our lists).</summary>
    [Params(1, 2)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Status benchmark signer, O=Credentials TEST", key, HashAlgorithmName.SHA256);
        var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));
        signer = new CertificateSigner(new InMemorySigner(key), X509CertificateLoader.LoadCertificate(certificate.RawData));
        registry = new TrustRegistry([new RegistryIssuer(Institution, "Benchmark institution", [new TrustedCertificate(signer.Certificate)], [])]);

        // 1% of the entries revoked, at random places: the draft's Appendix size case.
        var random = new Random(20);
        var list = new StatusList(Bits, Entries);
        for (var i = 0; i < Entries / 100; i++)
        {
            list.Set(random.Next(Entries), StatusTypes.Invalid);
        }

        var token = new StatusListToken(Address, Now.AddMinutes(-1), list) { ExpiresAt = Now.AddDays(1), TimeToLive = TimeSpan.FromHours(1) };
        jwt = System.Text.Encoding.ASCII.GetBytes(StatusListTokenFormat.SignJwt(token, signer));
        Console.WriteLine($"// {Bits}-bit list of {Entries} entries, 1% revoked: lst {list.Compress().Length} bytes compressed, token {jwt.Length} bytes as JWT");

        decoded = SignedStatusListToken.Parse(jwt).Verify(signer.PublicKey).List;
        indexes = [.. Enumerable.Range(0, Lookups).Select(_ => (long)random.Next(Entries))];
        http = new HttpClient(new MemoryHandler(jwt));
        if (FetchVerifyDecode() != CredentialStatus.Valid && FetchVerifyDecode() != CredentialStatus.Revoked)
        {
            throw new InvalidOperationException("the benchmark's list does not check.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        signer.Dispose();
    }

    [Benchmark(Description = "status lookup in a decoded 2^20-entry list", OperationsPerInvoke = Lookups)]
    public int Lookup()
    {
        var sum = 0;
        foreach (var index in indexes)
        {
            sum += decoded.Get(index);
        }

        return sum;
    }

    [Benchmark(Description = "fetch (memory), verify ES256, decode a 2^20-entry list, check one entry")]
    public CredentialStatus FetchVerifyDecode()
    {
        // A new checker each time: nothing cached, every call downloads, verifies and inflates.
        var checker = new TokenStatusListChecker(http, registry, new FixedClock(Now));
        return checker.CheckAsync(new StatusListEntry(Address, 12345), Institution).AsTask().GetAwaiter().GetResult().Status;
    }

    [Benchmark(Description = "verify ES256 and decode the same token (no HTTP, no registry)")]
    public long VerifyDecode() => SignedStatusListToken.Parse(jwt).Verify(signer.PublicKey).List.Count;

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
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
    }
}
