using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Printing;
using Credentials.Scanning;

namespace Credentials.Benchmarks;

/// <summary>
/// What a verifier is handed, recognised and read (<see cref="VerifierInput.Read"/>): the QR text, the QR PNG, our
/// ePRC PDF (PdfPig parsing the file and decoding the QR image), and a refusal of a file it does not read. No
/// target is set; the figures show where reading an input's time goes beside verification.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ScanningBenchmarks
{
    private byte[] qrText = null!;
    private byte[] png = null!;
    private byte[] pdf = null!;
    private byte[] gif = null!;

    [GlobalSetup]
    public void Setup()
    {
        var today = new DateOnly(2026, 6, 15);
        using var scenario = DemoScenario.Create(today);
        var issuer = new QrTokenIssuer(scenario.Signer, new FixedClock(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero)), TimeZoneInfo.Utc);
        var issued = issuer.Issue(Encoding.UTF8.GetBytes(scenario.SampleRequestJson())).Document!;
        qrText = Encoding.ASCII.GetBytes(issued.QrText + "\n");
        png = QrCodeWriter.ToPng(issued.QrText);
        pdf = PrcPdf.Create((Credentials.Documents.ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0];
        foreach (var input in new[] { qrText, png, pdf })
        {
            if (VerifierInput.Read(input) is not QrCodeInput { QrTexts: [var text] } || text != issued.QrText)
            {
                throw new InvalidOperationException("an input does not read back to the document's QR text");
            }
        }
    }

    [Benchmark(Description = "read input: QR text file")]
    public int QrText() => ((QrCodeInput)VerifierInput.Read(qrText)).QrTexts[0].Length;

    [Benchmark(Description = "read input: QR PNG (8 px a module)")]
    public int Png() => ((QrCodeInput)VerifierInput.Read(png)).QrTexts[0].Length;

    [Benchmark(Description = "read input: ePRC PDF (PdfPig)")]
    public int Pdf() => ((QrCodeInput)VerifierInput.Read(pdf)).QrTexts[0].Length;

    [Benchmark(Description = "read input: GIF refused")]
    public int Gif() => ((RefusedInput)VerifierInput.Read(gif)).Reason.Length;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }
}
