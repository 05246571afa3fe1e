using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Benchmarks;

/// <summary>
/// SD-JWT (RFC 9901) against the raw P-256 operations it is built on. Issue: ~10 claims, 2 selectively
/// disclosable, ES256, against one <c>ECDsa.SignData</c> (target: at least 50% of the raw sign rate). Verify: a
/// presentation with Key Binding (two signatures) against one <c>ECDsa.VerifyData</c> (target: at least 42% of
/// the raw verify rate, i.e. at most 2.38 times its time).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class SdJwtBenchmarks
{
    private const string Audience = "https://verifier.example.org";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private InMemorySigner issuerKey = null!;
    private InMemorySigner holderKey = null!;
    private SdJwtIssuer issuer = null!;
    private SdJwtVerifier verifier = null!;
    private JsonObject claims = null!;
    private ClaimPath[] disclosable = null!;
    private SdJwtIssueOptions options = null!;
    private string presentation = null!;
    private ECDsa rawKey = null!;
    private byte[] rawData = null!;
    private byte[] rawSignature = null!;
    private System.Text.Json.JsonElement holderJwk;

    /// <summary>
    /// Both ratios measured in alternating blocks (raw, then SD-JWT, over and over; medians and fastest blocks
    /// compared), as <see cref="InterleavedVerifyRatio"/> does for the QR token: on a shared machine a neighbour's
    /// burst then hits both rows alike. Run with <c>-- --interleaved-sd-jwt</c>.
    /// </summary>
    public static void RunInterleaved()
    {
        var bench = new SdJwtBenchmarks();
        bench.Setup();
        InterleavedComparison.Run("SD-JWT issue vs raw P-256 sign", () => bench.RawSign().Length > 0, () => bench.Issue().Length > 0, "at least 50% of the raw rate");
        InterleavedComparison.Run("SD-JWT+KB verify vs raw P-256 verify", bench.RawVerify, bench.VerifyWithKeyBinding, "at least 42% of the raw rate");
        bench.Cleanup();
    }


    [GlobalSetup]
    public void Setup()
    {
        issuerKey = InMemorySigner.CreateP256();
        holderKey = InMemorySigner.CreateP256();
        issuer = new SdJwtIssuer(issuerKey, new JsonObject { ["typ"] = "dc+sd-jwt" });
        claims = new JsonObject
        {
            ["iss"] = "https://issuer.example.org",
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["exp"] = Now.AddDays(365).ToUnixTimeSeconds(),
            ["vct"] = "urn:example:credential:1",
            ["issuing_country"] = "BE",
            ["issuing_authority"] = new JsonObject { ["id"] = "BE:0120", ["name"] = "Example fund" },
            ["date_of_issuance"] = "2026-01-01",
            ["date_of_expiry"] = "2030-12-31",
            ["personal_administrative_number"] = "85073003328",
            ["document_number"] = "80560000000012345678",
        };
        disclosable = [ClaimPath.Of("personal_administrative_number"), ClaimPath.Of("document_number")];
        options = new SdJwtIssueOptions { HolderKey = PublicJwk.FromKey(holderKey.PublicKey) };

        var issued = issuer.Issue(claims, disclosable, options).ToCompact();
        SdJwtHolder.TryOpen(issued, new FixedClock(Now), null, out var holder, out _);
        presentation = holder!.Present(disclosable, new KeyBindingRequest(holderKey, Audience, Nonce)).ToCompact();
        verifier = new SdJwtVerifier(new OneKey(issuerKey.PublicKey), new SdJwtVerifierOptions(), new FixedClock(Now));
        if (!verifier.Verify(presentation, new KeyBindingExpectation(Audience, Nonce)).IsValid)
        {
            throw new InvalidOperationException("the benchmark's presentation does not verify.");
        }

        holderJwk = System.Text.Json.JsonElement.Parse(PublicJwk.ToJson(holderKey.PublicKey).ToJsonString());
        rawKey = (ECDsa)issuerKey.AsAsymmetricAlgorithm();
        var jwt = presentation[..presentation.IndexOf('~', StringComparison.Ordinal)];
        rawData = System.Text.Encoding.ASCII.GetBytes(jwt[..jwt.LastIndexOf('.')]);
        rawSignature = rawKey.SignData(rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        issuerKey.Dispose();
        holderKey.Dispose();
    }

    [Benchmark(Description = "raw P-256 sign (ECDsa.SignData)")]
    public byte[] RawSign() => rawKey.SignData(rawData, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "SD-JWT issue (10 claims, 2 disclosable, ES256)")]
    public string Issue() => issuer.Issue(claims, disclosable, options).ToCompact();

    [Benchmark(Description = "raw P-256 verify (ECDsa.VerifyData)")]
    public bool RawVerify() => rawKey.VerifyData(rawData, rawSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "SD-JWT+KB verify (two signatures)")]
    public bool VerifyWithKeyBinding() => verifier.Verify(presentation, new KeyBindingExpectation(Audience, Nonce)).IsValid;

    /// <summary>What a presentation by a holder this verifier has not seen before adds: importing its <c>cnf.jwk</c> (OpenSSL checks the point).</summary>
    [Benchmark(Description = "holder JWK import (first presentation of a holder)")]
    public void ImportHolderJwk()
    {
        if (!PublicJwk.TryParse(holderJwk, out var key, out var problem))
        {
            throw new InvalidOperationException(problem);
        }

        key.Dispose();
    }

    private sealed class OneKey(AsymmetricAlgorithm key) : IIssuerKeyResolver
    {
        public IssuerKeyResolution Resolve(JoseHeader header, string? issuer) => IssuerKeyResolution.Found(key);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
