using System.Text;
using System.Text.Json.Nodes;
using Credentials.Scanning;

namespace Credentials.Tests.Cli;

/// <summary>
/// QR text with one wrong character (a lowercase letter, '~', 'é' typed in place of one) is the document's text
/// damaged, not a file of another kind: it is verified and rejected at step 2 with NOT_BASE_45 (specs/eprc-token.md),
/// with a report; only input that is not QR-like text at all is refused as unsupported.
/// </summary>
public sealed class DamagedQrTextTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-damaged-").FullName;

    [Theory]
    [InlineData("a")]
    [InlineData("~")]
    [InlineData("é")]
    public void One_wrong_character_is_rejected_at_the_decode_step_with_NOT_BASE_45(string wrong)
    {
        var qr = CliSamples.IssueQrText(folder);
        var damaged = qr[..40] + wrong + qr[41..];
        var file = Path.Combine(folder, "damaged.txt");
        File.WriteAllText(file, damaged + "\n", new UTF8Encoding(false));

        var result = CliProcess.Run("verify", file, "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", CliSamples.TreatmentDate, "--format", "json");
        Assert.True(result.ExitCode == 1, result.ToString());
        var export = JsonNode.Parse(result.Out)!;
        Assert.Equal("Rejected", (string?)export["conclusion"]);
        Assert.Equal(2, (int?)export["reason"]!["step"]);
        Assert.Equal("NOT_BASE_45", (string?)export["reason"]!["code"]);

        Assert.IsType<QrCodeInput>(VerifierInput.Read(Encoding.UTF8.GetBytes(damaged)));
    }

    [Fact]
    public void Text_that_is_not_mostly_Base45_or_too_short_stays_unsupported()
    {
        var qr = CliSamples.IssueQrText(folder);
        Assert.Equal(InputKind.OtherText, VerifierInput.Read(Encoding.UTF8.GetBytes(qr.ToLowerInvariant())).Kind);
        Assert.Equal(InputKind.OtherText, VerifierInput.Read("SHORT TEXT WITH ONE a"u8).Kind);

        // One wrong character in twenty is still QR text; more is not.
        var tenPercent = string.Concat(qr[..200].Select((c, i) => i % 10 == 5 ? 'x' : c));
        Assert.Equal(InputKind.OtherText, VerifierInput.Read(Encoding.UTF8.GetBytes(tenPercent)).Kind);
        var fivePercent = string.Concat(qr[..200].Select((c, i) => i % 20 == 5 ? 'x' : c));
        Assert.Equal(InputKind.QrText, VerifierInput.Read(Encoding.UTF8.GetBytes(fivePercent)).Kind);

        var file = Path.Combine(folder, "notes.txt");
        File.WriteAllText(file, "the qr text, typed by hand\n");
        var result = CliProcess.Run("verify", file, "--registry", Repository.Samples("registry.json"), "--offline");
        CliSamples.AssertUsageError(result, "unsupported input (text with characters outside the Base45 alphabet of QR text)");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
