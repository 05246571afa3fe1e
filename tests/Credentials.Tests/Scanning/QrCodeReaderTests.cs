using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Support;

namespace Credentials.Tests.Scanning;

/// <summary>Issue → QR image → read → verify, through the distortions a scanner meets.</summary>
public sealed class QrCodeReaderTests
{
    public static TheoryData<string> Algorithms => new() { "ES256", "RS256" };

    private static Scenario Create(string algorithm) => algorithm == "RS256" ? Scenario.Rs256() : Scenario.Es256();

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Issue_to_PNG_read_back_and_verify_is_approved(string algorithm)
    {
        using var scenario = Create(algorithm);
        var issued = scenario.IssueValid();
        var png = QrCodeWriter.ToPng(issued.QrText);
        var scanned = QrCodeReader.Read(png);
        Assert.Equal(issued.QrText, scanned);
        ReportAssert.Approved(scenario.Verifier().Verify(scanned, Scenario.Today));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void The_same_survives_a_JPEG_re_encoding(string algorithm)
    {
        using var scenario = Create(algorithm);
        var issued = scenario.IssueValid();
        var jpeg = ImageTools.ToJpeg(ImageTools.DecodePng(QrCodeWriter.ToPng(issued.QrText, pixelsPerModule: 4)), quality: 60);
        Assert.Equal(0xFF, jpeg[0]);
        ReportAssert.Approved(scenario.Verifier().Verify(QrCodeReader.Read(jpeg), Scenario.Today));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(1.6)]
    [InlineData(3.3)]
    public void The_reader_tolerates_scale(double factor)
    {
        using var scenario = Scenario.Es256();
        var text = scenario.IssueValid().QrText;
        var image = ImageTools.Scale(ImageTools.DecodePng(QrCodeWriter.ToPng(text, pixelsPerModule: 4)), factor);
        Assert.Equal(text, QrCodeReader.Read(ImageTools.ToPng(image)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-7)]
    [InlineData(90)]
    [InlineData(180)]
    public void The_reader_tolerates_rotation(double degrees)
    {
        using var scenario = Scenario.Es256();
        var text = scenario.IssueValid().QrText;
        var image = ImageTools.Rotate(ImageTools.DecodePng(QrCodeWriter.ToPng(text, pixelsPerModule: 5)), degrees);
        Assert.Equal(text, QrCodeReader.Read(ImageTools.ToPng(image)));
    }

    [Fact]
    public void The_reader_finds_the_code_in_a_photo_with_margins_noise_and_uneven_light()
    {
        using var scenario = Scenario.Rs256();
        var text = scenario.IssueValid().QrText;
        var code = ImageTools.Rotate(ImageTools.DecodePng(QrCodeWriter.ToPng(text, pixelsPerModule: 6)), 4);
        var photo = ImageTools.Degrade(ImageTools.Pad(code, 400, 250, 180, 520), noise: 18, shading: 0.35, seed: 7);
        Assert.Equal(text, QrCodeReader.Read(ImageTools.ToJpeg(photo, quality: 75)));
    }

    [Fact]
    public void Several_codes_in_one_image_are_all_read()
    {
        using var scenario = Scenario.Es256();
        var first = scenario.IssueValid().QrText;
        var second = scenario.IssueValid().QrText; // ES256 signatures differ, so the texts differ
        var a = ImageTools.DecodePng(QrCodeWriter.ToPng(first, 4));
        var b = ImageTools.DecodePng(QrCodeWriter.ToPng(second, 4));
        var pixels = new byte[(a.Width + b.Width) * a.Height];
        for (var y = 0; y < a.Height; y++)
        {
            Array.Copy(a.Pixels, y * a.Width, pixels, y * (a.Width + b.Width), a.Width);
            Array.Copy(b.Pixels, y * b.Width, pixels, (y * (a.Width + b.Width)) + a.Width, b.Width);
        }

        var texts = QrCodeReader.ReadAll(new GreyImage(pixels, a.Width + b.Width, a.Height));
        Assert.Equal(new[] { first, second }.Order(), texts.Order());
    }

    [Fact]
    public void An_image_without_a_QR_code_says_so()
    {
        var blank = new GreyImage(Enumerable.Repeat((byte)255, 300 * 300).ToArray(), 300, 300);
        var error = Assert.Throws<QrScanException>(() => QrCodeReader.Read(ImageTools.ToPng(blank)));
        Assert.Equal(QrScanProblem.NoQrCodeFound, error.Problem);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, QrScanProblem.UnsupportedFormat)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, QrScanProblem.Damaged)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, QrScanProblem.Damaged)]
    public void A_file_that_is_not_a_usable_image_says_what_is_wrong(byte[] file, QrScanProblem problem) =>
        Assert.Equal(problem, Assert.Throws<QrScanException>(() => QrCodeReader.Read(file)).Problem);

    [Fact]
    public void A_truncated_PNG_is_reported_as_damaged_not_a_crash()
    {
        var png = QrCodeWriter.ToPng("HELLO WORLD");
        var error = Assert.Throws<QrScanException>(() => QrCodeReader.Read(png[..(png.Length / 2)]));
        Assert.True(error.Problem is QrScanProblem.Damaged or QrScanProblem.NoQrCodeFound);
    }

    [Fact]
    public async Task Images_cut_at_any_offset_decode_or_are_refused_and_never_hang()
    {
        // StbImageSharp loops forever on a JPEG header segment that runs past the end of the file: the
        // structure check before it must catch every such cut. Each cut runs with a deadline.
        var png = QrCodeWriter.ToPng("HELLO WORLD THIS IS A TEST", 6);
        var jpeg = ImageTools.ToJpeg(ImageTools.DecodePng(png), 80);
        foreach (var file in new[] { png, jpeg })
        {
            for (var cut = 1; cut < file.Length; cut += file == png ? 1 : 3)
            {
                var input = file[..cut];
                var decode = Task.Run(() =>
                {
                    try
                    {
                        GreyImage.Decode(input);
                    }
                    catch (QrScanException)
                    {
                        // Refused with a reason: fine. Any other exception fails the test through the task.
                    }
                });
                var finished = await Task.WhenAny(decode, Task.Delay(TimeSpan.FromSeconds(10))) == decode;
                Assert.True(finished, $"decoding {(file == png ? "PNG" : "JPEG")} cut at {cut} bytes did not finish");
                await decode;
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x01, 0, 0 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 })]
    public void Malformed_JPEG_headers_are_refused_before_the_decoder_sees_them(byte[] file) =>
        Assert.Equal(QrScanProblem.Damaged, Assert.Throws<QrScanException>(() => GreyImage.Decode(file)).Problem);

    /// <summary>CRC-32 of PNG chunks (ISO/IEC 15948 Annex D).</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void An_image_header_claiming_400_megapixels_is_refused_before_decoding()
    {
        var png = QrCodeWriter.ToPng("HELLO WORLD");
        // IHDR width and height (20000 x 20000) are big-endian at offsets 16 and 20, its CRC at 29.
        png[16] = 0x00; png[17] = 0x00; png[18] = 0x4E; png[19] = 0x20;
        png[20] = 0x00; png[21] = 0x00; png[22] = 0x4E; png[23] = 0x20;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        Assert.Equal(QrScanProblem.TooLarge, Assert.Throws<QrScanException>(() => QrCodeReader.Read(png)).Problem);
    }
}
