using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Signing.Pkcs11;
using Credentials.Signing.Pkcs11.Tests.SoftHsm;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Benchmarks;

/// <summary>
/// ES256 on a SoftHSM2 token: <see cref="Pkcs11Signer.Sign"/> (borrow a pooled session, hash, CKM_ECDSA, return it)
/// against Pkcs11Interop alone on one session (hash the same input, C_Sign with CKM_ECDSA), both over a token-sized
/// signing input. Floor: our rate at least 90% of the raw rate, i.e. a ratio of at most 1.11. Needs softhsm2.
/// On a busy machine, <see cref="RunInterleaved"/> compares the two in alternating blocks instead
/// (<c>dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-pkcs11</c>).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class Pkcs11Benchmarks
{
    private const string TokenLabel = "credentials-bench";
    private const string Pin = "bench-pin-2231";
    private const string KeyLabel = "es256";

    /// <summary>One private SoftHSM2 per process (its configuration is the process' environment), shared by every case.</summary>
    private static readonly Lazy<SoftHsmToken> Token = new(CreateToken);

    private readonly byte[] signingInput = Encoding.ASCII.GetBytes(
        "eyJhbGciOiJFUzI1NiIsImtpZCI6IkVFU1NJOng1dCNTMjU2OmJlbmNoIiwidHlwIjoiSldUIn0." +
        "eyJpc3MiOiJCRTowMTIwIiwic3ViIjoiYmVuY2giLCJpYXQiOjE3ODE1MjQ4MDAsImp0aSI6ImJlbmNoLTAwMDEiLCJwcmMiOnsiZm4iOiJQZXJzb24iLCJnbiI6IkJlbmNoIiwiZG9iIjoiMTk4MC0wMS0wMSJ9fQ");

    private readonly byte[] signature = new byte[64];
    private Pkcs11Module module = null!;
    private ISession rawSession = null!;
    private IObjectHandle rawKey = null!;
    private IMechanism ecdsa = null!;
    private Pkcs11Signer signer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var token = Token.Value;
        module = Pkcs11Module.Acquire(token.ModulePath);
        rawSession = Pkcs11TokenFinder.Find(module, TokenLabel).OpenSession(SessionType.ReadOnly);
        rawSession.Login(CKU.CKU_USER, Pin);
        rawKey = Pkcs11Search.Find(rawSession, CKO.CKO_PRIVATE_KEY, KeyLabel, null).Single();
        ecdsa = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
        signer = Pkcs11Signer.Open(new Pkcs11SignerOptions { ModulePath = token.ModulePath, TokenLabel = TokenLabel, KeyLabel = KeyLabel, Pin = Pin });

        // Both paths must make signatures that verify, or the comparison means nothing.
        var publicKey = (ECDsa)signer.PublicKey;
        if (!publicKey.VerifyData(signingInput, RawSign(), HashAlgorithmName.SHA256) || !publicKey.VerifyData(signingInput, PooledSign(), HashAlgorithmName.SHA256))
        {
            throw new InvalidOperationException("a benchmark signature does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        signer.Dispose();
        ecdsa.Dispose();
        rawSession.Dispose();
        module.Release();
    }

    [Benchmark(Baseline = true, Description = "raw PKCS#11: SHA-256, C_Sign CKM_ECDSA, one session")]
    public byte[] RawSign() => rawSession.Sign(ecdsa, rawKey, SHA256.HashData(signingInput));

    [Benchmark(Description = "Pkcs11Signer.Sign ES256 (pooled sessions)")]
    public byte[] PooledSign()
    {
        signer.Sign(signingInput, signature);
        return signature;
    }

    /// <summary>
    /// The same two operations in alternating blocks, medians compared: BenchmarkDotNet measures one row after the
    /// other, so a neighbour's burst on a shared machine lands in one row only; interleaving puts both under the
    /// same conditions.
    /// </summary>
    public static void RunInterleaved()
    {
        const int Rounds = 41;
        const int BlockSize = 500;
        var benchmark = new Pkcs11Benchmarks();
        benchmark.Setup();
        try
        {
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
            {
                benchmark.RawSign();
                benchmark.PooledSign();
            }

            var raw = new double[Rounds];
            var pooled = new double[Rounds];
            for (var round = 0; round < Rounds; round++)
            {
                raw[round] = Block(() => benchmark.RawSign());
                pooled[round] = Block(() => benchmark.PooledSign());
            }

            Array.Sort(raw);
            Array.Sort(pooled);
            var ratio = pooled[Rounds / 2] / raw[Rounds / 2];
            Console.WriteLine($"raw PKCS#11 sign: median {raw[Rounds / 2]:F1} µs, fastest block {raw[0]:F1} µs");
            Console.WriteLine($"Pkcs11Signer.Sign: median {pooled[Rounds / 2]:F1} µs, fastest block {pooled[0]:F1} µs");
            Console.WriteLine($"ratio of medians {ratio:F3} ({100 / ratio:F1}% of the raw rate; floor: at least 90%, ratio at most 1.111)");
        }
        finally
        {
            benchmark.Cleanup();
        }

        static double Block(Action operation)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < BlockSize; i++)
            {
                operation();
            }

            return clock.Elapsed.TotalMicroseconds / BlockSize;
        }
    }

    private static SoftHsmToken CreateToken()
    {
        var util = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(folder => Path.Combine(folder, "softhsm2-util")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("the Pkcs11 benchmarks need softhsm2-util (Debian package softhsm2).");
        var token = SoftHsmToken.Create(util, SoftHsmToken.DebianModulePath);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => token.Dispose();
        token.InitToken(TokenLabel, "bench-so-pin-7781", Pin);
        token.WithSession(TokenLabel, Pin, session => SoftHsmToken.GenerateEcKey(session, KeyLabel, [0x01]));
        return token;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(30));
            AddColumn(StatisticColumn.Median);
        }
    }
}
