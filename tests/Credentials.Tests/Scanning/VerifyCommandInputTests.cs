using System.Buffers.Binary;

namespace Credentials.Tests.Scanning;

/// <summary>
/// <c>credentials verify</c> run as a child process on what people hand it: the kinds it does not read end with
/// exit 2 and one line, no stack trace; the sample PNG and a PDF the CLI issued still approve. These run on the
/// real clock, as a user's command does: the sample documents are valid until 2030.
/// </summary>
public sealed class VerifyCommandInputTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-verify-input-").FullName;

    private static readonly string Registry = Repository.Samples("registry.json");

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static CliProcess.Result Verify(string input) => CliProcess.Run("verify", input, "--registry", Registry, "--offline");

    private static void AssertRefusedInOneLine(CliProcess.Result result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"credentials: {expected}", result.Error.TrimEnd('\r', '\n'));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    public static TheoryData<string> UnsupportedKinds => new() { "GIF image", "BMP image", "SVG image", "binary data" };

    [Theory]
    [MemberData(nameof(UnsupportedKinds))]
    public void A_kind_it_does_not_read_exits_2_with_the_one_line_reason(string kind)
    {
        var input = kind switch
        {
            "GIF image" => Write("photo.gif", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3B]),
            "BMP image" => Write("scan.bmp", Bmp()),
            "SVG image" => Repository.Samples("prc-es256", "qr.svg"),
            _ => Write("random.bin", RandomBytes(3000)),
        };
        AssertRefusedInOneLine(Verify(input), $"unsupported input ({kind}): give the QR text, a PNG or JPEG photo of the code, or the PDF");
    }

    [Fact]
    public void The_raw_token_exits_2_saying_it_is_the_token_not_the_QR_text() =>
        AssertRefusedInOneLine(Verify(Repository.Samples("prc-es256", "token.jwt")), "this is a compact JWS (the token itself), not the QR text: give the QR text, the QR image or the PDF");

    [Fact]
    public void An_SD_JWT_presentation_is_sent_to_the_wallet_verifier()
    {
        var token = File.ReadAllText(Repository.Samples("prc-es256", "token.jwt")).Trim();
        var presentation = Write("presentation.txt", System.Text.Encoding.ASCII.GetBytes(token + "~WyJzYWx0IiwiZ2l2ZW5fbmFtZSIsIkFubmEiXQ~\n"));
        AssertRefusedInOneLine(Verify(presentation), "this is an SD-JWT presentation: use `credentials wallet verify`");
    }

    [Fact]
    public void The_sample_PNG_still_approves()
    {
        var result = Verify(Repository.Samples("prc-es256", "qr.png"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("APPROVED", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PDF_the_CLI_issued_still_approves()
    {
        var pdf = Path.Combine(folder, "prc.pdf");
        var issue = CliProcess.Run("issue", "prc", "--request", Repository.Samples("requests", "prc.json"), "--key", Repository.Samples("keys", "es256.key.pem"),
            "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-pdf", pdf);
        Assert.True(issue.ExitCode == 0, issue.ToString());
        var result = Verify(pdf);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("APPROVED", result.Out, StringComparison.Ordinal);
    }

    /// <summary>A 2×2 uncompressed bitmap, 24 bits a pixel (BITMAPINFOHEADER), all white.</summary>
    private static byte[] Bmp()
    {
        const int Stride = 8; // 2 pixels × 3 bytes, padded to 4
        var file = new byte[54 + (Stride * 2)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        file.AsSpan(54).Fill(0xFF);
        return file;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20260615).NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
