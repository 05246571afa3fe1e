using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Benchmarks;

/// <summary>Each stage of the ES256 pipeline on its own, to show where the time beyond the signature goes.</summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class StageBenchmarks
{
    private DemoScenario scenario = null!;
    private string qrText = null!;
    private byte[] compressed = null!;
    private string token = null!;
    private JwsCompact jws = null!;
    private byte[] request = null!;
    private byte[] tokenBytes = null!;
    private QrTokenPayload payload = null!;
    private JwsVerificationKey key = null!;
    private JwsSigner signer = null!;
    private byte[] payloadJson = null!;
    private EessiKeyId kid;
    private InstitutionId institution;
    private System.Security.Cryptography.ECDsa publicKey = null!;
    private byte[] signingInput = null!;

    [GlobalSetup]
    public void Setup()
    {
        scenario = DemoScenario.Create(new DateOnly(2026, 6, 15));
        request = Encoding.UTF8.GetBytes(scenario.SampleRequestJson());
        payload = QrPayloadReader.Read(request, PayloadReadMode.Request, new DateOnly(2026, 6, 15)).Payload!;
        signer = new JwsSigner(scenario.Signer);
        payloadJson = QrPayloadWriter.Write(payload);
        token = signer.Sign(payloadJson);
        tokenBytes = Encoding.ASCII.GetBytes(token);
        qrText = QrTextCodec.Encode(token);
        compressed = Base45Codec.Decode(qrText);
        jws = JwsCompact.Parse(token);
        key = scenario.Registry.Issuers[0].Certificates[0].GetVerificationKey(out _)!;
        kid = EessiKeyId.FromCertificate(scenario.Signer.Certificate);
        institution = DemoScenario.Institution;
        publicKey = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPublicKey(scenario.Signer.Certificate)!;
        signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        jws.Dispose();
        scenario.Dispose();
    }

    /// <summary>The same check as <see cref="SignatureVerify"/>, straight on the BCL key, to show the JOSE adapter's share.</summary>
    [Benchmark]
    public bool RawVerifySameInput() => publicKey.VerifyData(signingInput, jws.Signature, System.Security.Cryptography.HashAlgorithmName.SHA256);

    [Benchmark]
    public bool RawVerifyWithPrivateKeyObject() => ((System.Security.Cryptography.ECDsa)scenario.Signer.AsAsymmetricAlgorithm()).VerifyData(signingInput, jws.Signature, System.Security.Cryptography.HashAlgorithmName.SHA256);

    [Benchmark]
    public byte[] RawSignSameInput() => ((System.Security.Cryptography.ECDsa)scenario.Signer.AsAsymmetricAlgorithm()).SignData(signingInput, System.Security.Cryptography.HashAlgorithmName.SHA256);

    [Benchmark]
    public byte[] Base45Decode() => Base45Codec.Decode(qrText);

    [Benchmark]
    public byte[] Inflate() => ZlibCodec.Decompress(compressed);

    [Benchmark]
    public int JwsParse()
    {
        using var parsed = JwsCompact.Parse(token);
        return parsed.SigningInputLength;
    }

    [Benchmark]
    public object HeaderRead() => JwsHeader.Read(jws.HeaderBytes);

    [Benchmark]
    public object PayloadRead() => QrPayloadReader.Read(jws.PayloadBytes, PayloadReadMode.Token, null);

    [Benchmark]
    public object Resolve() => scenario.Registry.Resolve(kid, institution);

    [Benchmark]
    public bool SignatureVerify() => key.Verify(jws, JwsAlgorithm.ES256);

    [Benchmark]
    public object RequestRead() => QrPayloadReader.Read(request, PayloadReadMode.Request, new DateOnly(2026, 6, 15));

    [Benchmark]
    public byte[] PayloadWrite() => QrPayloadWriter.Write(payload);

    [Benchmark]
    public string Sign() => signer.Sign(payloadJson);

    [Benchmark]
    public byte[] Deflate() => ZlibCodec.Compress(tokenBytes);

    [Benchmark]
    public string Base45Encode() => Base45Codec.Encode(compressed);

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }
}
