using System.Buffers.Binary;
using System.Text;
using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Support;

namespace Credentials.Tests.Scanning;

/// <summary>What a verifier is handed, recognised from its bytes: every kind read, every kind refused, and the bounds.</summary>
public sealed class VerifierInputTests : IDisposable
{
    private const string WhatToGive = "give the QR text, a PNG or JPEG photo of the code, or the PDF";

    private readonly Scenario scenario = Scenario.Es256();

    private static string SampleQrText => File.ReadAllText(Repository.Samples("prc-es256", "qr.base45.txt")).Trim();

    private static string SampleToken => File.ReadAllText(Repository.Samples("prc-es256", "token.jwt")).Trim();

    private static QrCodeInput Codes(VerifierInput input, InputKind kind)
    {
        var codes = Assert.IsType<QrCodeInput>(input);
        Assert.Equal(kind, codes.Kind);
        return codes;
    }

    private static RefusedInput Refused(VerifierInput input, InputKind kind, InputRefusal refusal)
    {
        var refused = Assert.IsType<RefusedInput>(input);
        Assert.Equal(kind, refused.Kind);
        Assert.Equal(refusal, refused.Refusal);
        Assert.DoesNotContain('\n', refused.Reason);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
        return refused;
    }

    [Fact]
    public void The_sample_QR_text_file_is_QR_text()
    {
        var input = VerifierInput.Read(File.ReadAllBytes(Repository.Samples("prc-es256", "qr.base45.txt")));
        Assert.Equal([SampleQrText], Codes(input, InputKind.QrText).QrTexts);
    }

    [Theory]
    [InlineData("\uFEFF{0}")]
    [InlineData("{0}\r\n")]
    [InlineData("  \t{0}  \n\n")]
    [InlineData("\uFEFF\r\n {0}\r\n")]
    public void QR_text_is_read_without_its_byte_order_mark_and_surrounding_white_space(string layout)
    {
        var text = SampleQrText;
        var input = VerifierInput.Read(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, text)));
        Assert.Equal([text], Codes(input, InputKind.QrText).QrTexts);
    }

    [Fact]
    public void Text_in_the_Base45_alphabet_goes_to_the_verifier_even_when_it_does_not_decode()
    {
        // The verifier's step 2 judges the length and content; a text starting "BM" is not taken for a bitmap.
        Assert.Equal(["BM HELLO WORLD 0123456789"], Codes(VerifierInput.Read("BM HELLO WORLD 0123456789"u8), InputKind.QrText).QrTexts);
    }

    [Fact]
    public void A_PNG_of_the_QR_code_gives_its_text()
    {
        var text = scenario.IssueValid().QrText;
        Assert.Equal([text], Codes(VerifierInput.Read(QrCodeWriter.ToPng(text)), InputKind.PngImage).QrTexts);
    }

    [Fact]
    public void A_JPEG_photo_of_the_QR_code_with_noise_and_uneven_light_gives_its_text()
    {
        var text = scenario.IssueValid().QrText;
        var code = ImageTools.Rotate(ImageTools.DecodePng(QrCodeWriter.ToPng(text, pixelsPerModule: 6)), 5);
        var photo = ImageTools.Degrade(ImageTools.Pad(code, 300, 200, 150, 400), noise: 20, shading: 0.3, seed: 11);
        Assert.Equal([text], Codes(VerifierInput.Read(ImageTools.ToJpeg(photo, quality: 70)), InputKind.JpegImage).QrTexts);
    }

    [Fact]
    public void Our_PDF_gives_its_QR_text()
    {
        var issued = scenario.IssueValid();
        var pdf = PrcPdf.Create((ProvisionalReplacementCertificate)issued.Document, issued.QrText, DocumentLabels.Get("en"), DateTimeOffset.UnixEpoch);
        Assert.Equal([issued.QrText], Codes(VerifierInput.Read(pdf), InputKind.Pdf).QrTexts);
    }

    [Fact]
    public void A_PDF_with_several_codes_gives_several_texts()
    {
        var first = scenario.IssueValid().QrText;
        var second = scenario.IssueValid().QrText;
        // PDFsharp does not import the 1-bit PNGs QRCoder writes: the codes go in as 8-bit grey PNGs.
        var pdf = ForeignPdf.WithImages([GreyPng(first)], [GreyPng(second)]);
        Assert.Equal([first, second], Codes(VerifierInput.Read(pdf), InputKind.Pdf).QrTexts);
    }

    [Fact]
    public void A_PDF_without_a_QR_code_is_its_own_outcome()
    {
        var refused = Refused(VerifierInput.Read(ForeignPdf.WithoutImages()), InputKind.Pdf, InputRefusal.NoQrCode);
        Assert.Contains("holds no image", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_without_a_QR_code_is_its_own_outcome()
    {
        var blank = new GreyImage(Enumerable.Repeat((byte)255, 300 * 300).ToArray(), 300, 300);
        var refused = Refused(VerifierInput.Read(ImageTools.ToPng(blank)), InputKind.PngImage, InputRefusal.NoQrCode);
        // One line without a final full stop, as every reason: the CLI and the API end the sentence once.
        Assert.Equal("no QR code was found in the 300×300 image", refused.Reason);
        Refused(VerifierInput.Read(ImageTools.ToJpeg(blank, 80)), InputKind.JpegImage, InputRefusal.NoQrCode);

        var file = Path.Combine(Path.GetTempPath(), $"credentials-blank-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, ImageTools.ToPng(blank));
        try
        {
            var result = CliProcess.Run("verify", file, "--registry", Repository.Samples("registry.json"), "--offline");
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("credentials: no QR code was found in the 300×300 image", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("..", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_damaged_image_or_PDF_is_unreadable_not_a_crash()
    {
        Refused(VerifierInput.Read([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), InputKind.JpegImage, InputRefusal.Unreadable);
        Refused(VerifierInput.Read([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), InputKind.PngImage, InputRefusal.Unreadable);
        var refused = Refused(VerifierInput.Read("%PDF-1.7\n%garbage that is no PDF at all"u8), InputKind.Pdf, InputRefusal.Unreadable);
        Assert.Equal("the PDF cannot be read: it is damaged or incomplete", refused.Reason);
    }

    [Fact]
    public void The_raw_token_is_refused_as_a_compact_JWS_with_the_decided_sentence()
    {
        var refused = Refused(VerifierInput.Read(File.ReadAllBytes(Repository.Samples("prc-es256", "token.jwt"))), InputKind.CompactJws, InputRefusal.CompactJws);
        Assert.Equal("this is a compact JWS (the token itself), not the QR text: give the QR text, the QR image or the PDF", refused.Reason);
    }

    [Fact]
    public void An_SD_JWT_presentation_is_handed_on_for_the_wallet_verifier()
    {
        // RFC 9901 §4: the issuer-signed JWT, each disclosure followed by ~, then a key-binding JWT or nothing.
        var disclosure = Base64Url("[\"2GLC42sKQveCfGfryNRN9w\",\"given_name\",\"Anna\"]");
        var keyBinding = $"{Base64Url("{\"typ\":\"kb+jwt\",\"alg\":\"ES256\"}")}.{Base64Url("{\"nonce\":\"n-0S6_WzA2Mj\"}")}.c2lnbmF0dXJl";
        foreach (var presentation in new[] { $"{SampleToken}~{disclosure}~", $"{SampleToken}~{disclosure}~{disclosure}~{keyBinding}", $"{SampleToken}~" })
        {
            var input = Assert.IsType<SdJwtPresentationInput>(VerifierInput.Read(Encoding.UTF8.GetBytes(presentation + "\n")));
            Assert.Equal(InputKind.SdJwtPresentation, input.Kind);
            Assert.Equal(presentation, input.Presentation);
        }
    }

    [Theory]
    [InlineData("{0}~~")] // an empty disclosure
    [InlineData("{0}~not base64url!~")]
    [InlineData("{0}~abc~not.a.jws!")]
    [InlineData("abc~def~")] // no issuer-signed JWT first
    public void Text_shaped_almost_like_a_presentation_is_other_text(string layout)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, SampleToken);
        Refused(VerifierInput.Read(Encoding.UTF8.GetBytes(text)), InputKind.OtherText, InputRefusal.Unsupported);
    }

    public static TheoryData<string, byte[], InputKind, string> UnsupportedFiles => new()
    {
        { "GIF", [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0], InputKind.GifImage, "GIF image" },
        { "GIF87a", [.. "GIF87a"u8, 1, 0, 1, 0], InputKind.GifImage, "GIF image" },
        { "BMP", Bmp(), InputKind.BmpImage, "BMP image" },
        { "TIFF little-endian", [.. "II*\0"u8, 8, 0, 0, 0], InputKind.TiffImage, "TIFF image" },
        { "TIFF big-endian", [.. "MM\0*"u8, 0, 0, 0, 8], InputKind.TiffImage, "TIFF image" },
        { "WebP", [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8 "u8], InputKind.WebPImage, "WebP image" },
        { "HEIC", IsoMedia("heic", "mif1", "heic"), InputKind.HeicImage, "HEIC image" },
        { "HEIF by compatible brand", IsoMedia("mif1", "mif1", "miaf"), InputKind.HeicImage, "HEIC image" },
        { "AVIF", IsoMedia("avif", "mif1", "avif"), InputKind.AvifImage, "AVIF image" },
        { "ZIP", [.. "PK\x03\x04"u8, 20, 0, 0, 0], InputKind.ZipArchive, "ZIP archive" },
        { "empty ZIP", [.. "PK\x05\x06"u8, 0, 0, 0, 0], InputKind.ZipArchive, "ZIP archive" },
        { "HTML", Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body>ePRC</body></html>"), InputKind.Html, "HTML page" },
        { "HTML without a doctype", Encoding.UTF8.GetBytes("<HTML lang=\"en\"><p>x</p></HTML>"), InputKind.Html, "HTML page" },
        { "XML", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- a list -->\n<registry/>"), InputKind.Xml, "XML document" },
        { "SVG with a prolog", Encoding.UTF8.GetBytes("\uFEFF<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>"), InputKind.SvgImage, "SVG image" },
        { "JSON", Encoding.UTF8.GetBytes("{\"issuers\": []}"), InputKind.Json, "JSON text" },
        { "lower-case text", Encoding.UTF8.GetBytes("the qr text, typed by hand\n"), InputKind.OtherText, "text with characters outside the Base45 alphabet of QR text" },
        { "UTF-16 text", Encoding.Unicode.GetBytes("\uFEFF6BF%Y9EXRGSKHT2"), InputKind.Binary, "binary data" },
        { "Latin-1 text", Encoding.Latin1.GetBytes("Müller"), InputKind.Binary, "binary data" },
        { "random bytes", RandomBytes(4096, seed: 1), InputKind.Binary, "binary data" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedFiles))]
    public void Kinds_we_do_not_read_are_named_and_refused_in_one_line(string what, byte[] file, InputKind kind, string described)
    {
        var refused = Refused(VerifierInput.Read(file), kind, InputRefusal.Unsupported);
        Assert.True(refused.Reason == $"unsupported input ({described}): {WhatToGive}", $"{what}: {refused.Reason}");
    }

    [Fact]
    public void Our_own_SVG_is_refused_as_an_SVG_image()
    {
        var refused = Refused(VerifierInput.Read(File.ReadAllBytes(Repository.Samples("prc-es256", "qr.svg"))), InputKind.SvgImage, InputRefusal.Unsupported);
        Assert.Equal($"unsupported input (SVG image): {WhatToGive}", refused.Reason);
    }

    [Fact]
    public void The_sample_registry_is_refused_as_JSON() =>
        Refused(VerifierInput.Read(File.ReadAllBytes(Repository.Samples("registry.json"))), InputKind.Json, InputRefusal.Unsupported);

    [Fact]
    public void A_refusal_never_quotes_the_input()
    {
        var refused = Refused(VerifierInput.Read("Anna Dupont-Müller 85.07.30-033.61"u8), InputKind.OtherText, InputRefusal.Unsupported);
        Assert.DoesNotContain("Anna", refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("85", refused.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x09 })]
    public void Nothing_or_only_white_space_is_empty(byte[] file)
    {
        var refused = Refused(VerifierInput.Read(file), InputKind.Empty, InputRefusal.Empty);
        Assert.Equal($"the input is empty: {WhatToGive}", refused.Reason);
    }

    [Fact]
    public void An_image_larger_than_the_bound_is_refused_before_it_is_decoded()
    {
        var file = new byte[VerifierInput.MaxBytes + 1];
        QrCodeWriter.ToPng("HELLO").CopyTo(file, 0);
        var refused = Refused(VerifierInput.Read(file), InputKind.PngImage, InputRefusal.TooLarge);
        Assert.Contains($"more than the {VerifierInput.MaxBytes} accepted", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_header_past_the_pixel_bound_is_too_large()
    {
        var png = QrCodeWriter.ToPng("HELLO WORLD");
        // IHDR width and height (20000 × 20000) at offsets 16 and 20; its CRC over type and data at 29.
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 20_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 20_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), QrCodeReaderTests.Crc32(png.AsSpan(12, 17)));
        Refused(VerifierInput.Read(png), InputKind.PngImage, InputRefusal.TooLarge);
    }

    [Fact]
    public void Text_past_the_text_bound_is_too_large_and_only_its_start_is_looked_at()
    {
        var qrLike = Encoding.ASCII.GetBytes(new string('A', VerifierInput.MaxTextBytes + 1));
        var refused = Refused(VerifierInput.Read(qrLike), InputKind.QrText, InputRefusal.TooLarge);
        Assert.Contains($"{VerifierInput.MaxTextBytes + 1} bytes of text", refused.Reason, StringComparison.Ordinal);

        // A large page is still named for what it is; a multi-byte character cut by the bound is not binary data.
        var page = Encoding.UTF8.GetBytes("<html> " + string.Concat(Enumerable.Repeat("é", VerifierInput.MaxTextBytes)) + "</html>");
        Refused(VerifierInput.Read(page), InputKind.Html, InputRefusal.Unsupported);
        var text = Encoding.UTF8.GetBytes("x" + string.Concat(Enumerable.Repeat("é", VerifierInput.MaxTextBytes)));
        Refused(VerifierInput.Read(text), InputKind.OtherText, InputRefusal.TooLarge);
        Refused(VerifierInput.Read(RandomBytes(VerifierInput.MaxTextBytes * 2, seed: 2)), InputKind.Binary, InputRefusal.Unsupported);
    }

    /// <summary>A 1×1 BITMAPINFOHEADER bitmap, 24 bits a pixel.</summary>
    private static byte[] Bmp()
    {
        var file = new byte[14 + 40 + 4];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        return file;
    }

    /// <summary>The start of an ISO base media file: an <c>ftyp</c> box with a major brand and two compatible ones.</summary>
    private static byte[] IsoMedia(string major, string compatible1, string compatible2)
    {
        var box = new byte[24 + 8];
        BinaryPrimitives.WriteUInt32BigEndian(box, 24);
        Encoding.ASCII.GetBytes("ftyp" + major + "\0\0\0\0" + compatible1 + compatible2).CopyTo(box, 4);
        return box;
    }

    private static byte[] GreyPng(string qrText) => ImageTools.ToPng(ImageTools.DecodePng(QrCodeWriter.ToPng(qrText, 3)));

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Base64Url(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public void Dispose() => scenario.Dispose();
}
