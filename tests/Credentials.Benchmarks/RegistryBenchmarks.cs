using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;
using Credentials.WireFormat;

namespace Credentials.Benchmarks;

/// <summary>
/// The trust registry at the size issue #4 sets: 100,000 issuers and 150,000 certificates. Targets: cold load of
/// a signed snapshot ≤ 1 s; lookup by (kid, country, id) ≤ 1 µs; a full sync of that size ≤ 30 s.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    public const int IssuerCount = 100_000;
    public const int CertificateCount = 150_000;

    internal static readonly Lazy<Data> Shared = new(Data.Create);
    private Data data = null!;

    [GlobalSetup]
    public void Setup() => data = Shared.Value;

    [Benchmark(Description = "cold load of a signed snapshot file (100k issuers, 150k certificates)")]
    public int ColdLoadSnapshot() => TrustSnapshotFormat.Open(File.ReadAllBytes(data.SnapshotPath), data.OperatorCertificate, highestAccepted: null).Registry.CertificateCount;

    [Benchmark(Description = "full sync of that size over HTTP into a new database")]
    public int Sync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"credentials-bench-{Guid.NewGuid():N}.db");
        try
        {
            using var store = RegistryStore.Open(path);
            using var http = new HttpClient();
            var report = new RegistrySync(store, TimeProvider.System).SyncAsync(new EcResolverSource(http, data.ServerAddress, TimeSpan.FromMinutes(2), maxBytes: ResolverListFormat.MaxDocumentBytes)).GetAwaiter().GetResult();
            return report.Outcome == SyncOutcome.Updated ? report.Import!.LinksAdded : throw new InvalidOperationException(report.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    internal sealed class Data
    {
        public required string SnapshotPath { get; init; }

        public required X509Certificate2 OperatorCertificate { get; init; }

        public required TrustRegistry Registry { get; init; }

        public required (EessiKeyId, InstitutionId)[] Queries { get; init; }

        public required Uri ServerAddress { get; init; }

        public static Data Create()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var subjectKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var caName = new X500DistinguishedName("CN=Benchmark CA");
            var generator = X509SignatureGenerator.CreateForECDsa(caKey);

            // 150,000 distinct certificates (one subject key: only the DER differs), made on every core.
            var ders = new byte[CertificateCount][];
            Parallel.For(0, CertificateCount, i =>
            {
                var request = new CertificateRequest($"CN=Benchmark signer {i}", subjectKey, HashAlgorithmName.SHA256);
                using var certificate = request.Create(caName, generator, notBefore, notBefore.AddYears(10), BitConverter.GetBytes(i + 1));
                ders[i] = certificate.RawData;
            });

            // 100,000 issuers: every other one has two certificates, the rest one.
            var issuers = new List<RegistryIssuer>(IssuerCount);
            var codes = IssuingCountry.SchemaCodes;
            var period = new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), null);
            var certificateIndex = 0;
            for (var i = 0; i < IssuerCount; i++)
            {
                var id = InstitutionId.Create(IssuingCountry.Parse(codes[i % codes.Count]), (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var count = i % 2 == 0 ? 2 : 1;
                var certificates = new List<TrustedCertificate>(count);
                for (var c = 0; c < count; c++)
                {
                    certificates.Add(TrustedCertificate.FromDer(ders[certificateIndex++], notBefore, notBefore.AddYears(10)));
                }

                issuers.Add(new RegistryIssuer(id, "Institution " + i, certificates, [period]));
            }

            var registry = new TrustRegistry(issuers);
            var random = new Random(7);
            // Each query is made afresh, as a verifier parses kid and institution out of the token it is checking:
            // the query's own strings are its own, not the registry's, so only the registry's side is random access.
            var queries = Enumerable.Range(0, 1 << 16).Select(_ =>
            {
                var issuer = issuers[random.Next(issuers.Count)];
                return (EessiKeyId.FromThumbprint(issuer.Certificates[0].Thumbprint), InstitutionId.Parse(issuer.Id.ToString()));
            }).ToArray();

            using var operatorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var operatorCertificate = new CertificateRequest("CN=Benchmark registry operator", operatorKey, HashAlgorithmName.SHA256).CreateSelfSigned(notBefore, notBefore.AddYears(10));
            string snapshot;
            using (var operatorSigner = new Credentials.Signing.CertificateSigner(new Credentials.Signing.InMemorySigner(operatorKey), operatorCertificate, ownsSigner: false))
            {
                snapshot = TrustSnapshotFormat.Sign(issuers, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), new JwsSigner(operatorSigner));
            }

            var list = Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(issuers));
            return new Data
            {
                SnapshotPath = WriteTemporary(snapshot),
                OperatorCertificate = X509CertificateLoader.LoadCertificate(operatorCertificate.RawData),
                Registry = registry,
                Queries = queries,
                ServerAddress = Serve(list),
            };
        }

        private static string WriteTemporary(string snapshot)
        {
            var path = Path.Combine(Path.GetTempPath(), $"credentials-bench-{Environment.ProcessId}.snapshot.jws");
            File.WriteAllText(path, snapshot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
            return path;
        }

        /// <summary>A minimal resolver on 127.0.0.1 that answers the full list.</summary>
        private static Uri Serve(byte[] list)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    var context = await listener.GetContextAsync().ConfigureAwait(false);
                    using var response = context.Response;
                    response.ContentType = "application/json";
                    response.ContentLength64 = list.Length;
                    await response.OutputStream.WriteAsync(list).ConfigureAwait(false);
                }
            });
            return new Uri($"http://127.0.0.1:{port}/");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Seconds-long operations: a few single invocations each; the lookup runs in batches.
            // Generating 150,000 certificates takes minutes on a shared machine: more than the in-process toolchain's
            // default limit of five minutes for a benchmark.
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)).WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
        }
    }
}

/// <summary>
/// Lookup by (kid, country, id) in the registry of <see cref="RegistryBenchmarks"/>: a nanosecond-scale operation,
/// so it runs under BenchmarkDotNet's default throughput strategy (pilot, warm-up to steady state), not the
/// single-invocation monitoring the seconds-long registry operations use. Queries are random over all 100,000
/// issuers, so the registry's side of nearly every lookup misses the processor's caches.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class RegistryLookupBenchmarks
{
    private RegistryBenchmarks.Data data = null!;
    private int next;

    [GlobalSetup]
    public void Setup() => data = RegistryBenchmarks.Shared.Value;

    [Benchmark(Description = "lookup by (kid, country, id) at that size", OperationsPerInvoke = 1024)]
    public int Lookup()
    {
        var found = 0;
        for (var i = 0; i < 1024; i++)
        {
            var (kid, institution) = data.Queries[next++ & (data.Queries.Length - 1)];
            found += data.Registry.Resolve(kid, institution).Outcome == KeyResolutionOutcome.Resolved ? 1 : 0;
        }

        return found;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }
}
