using System.Text.Json.Nodes;
using Credentials.Tests.Support;

namespace Credentials.Tests.Cli;

/// <summary>The printable documents from the command line: issue to PDF, verify a PDF, export the verification as PDF.</summary>
public sealed class DocumentCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-pdf-").FullName;

    private string File(string name) => Path.Combine(folder, name);

    private CliRunner.Result IssuePdf(string language)
    {
        var today = new DateOnly(2026, 6, 15);
        return CliRunner.RunAt(Clock.At(today), "issue", "prc", "--request", Repository.Samples("requests", "prc.json"), "--key", Repository.Samples("keys", "es256.key.pem"),
            "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-pdf", File($"prc-{language}.pdf"), "--lang", language);
    }

    [Fact]
    public void Issue_to_PDF_then_verify_the_PDF_and_export_it_as_PDF_linked_from_the_JSON()
    {
        var issued = IssuePdf("nl");
        Assert.Equal(0, issued.ExitCode);
        Assert.Contains("PDF (Nederlands) written to", issued.Error, StringComparison.Ordinal);
        Assert.Contains("Voorlopig vervangend certificaat", PdfTools.Text(System.IO.File.ReadAllBytes(File("prc-nl.pdf"))), StringComparison.Ordinal);

        var verified = CliRunner.RunAt(Clock.At(new DateOnly(2026, 6, 15)), "verify", File("prc-nl.pdf"), "--registry", Repository.Samples("registry.json"), "--offline",
            "--export", File("export.json"), "--export-pdf", File("export.pdf"));
        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("APPROVED", verified.Out, StringComparison.Ordinal);
        var export = JsonNode.Parse(System.IO.File.ReadAllText(File("export.json")))!;
        Assert.Equal("export.pdf", (string?)export["pdf"]);

        // A Belgian document: Belgium has three official languages, so the export is in English (EC spec §7).
        var text = PdfTools.Text(System.IO.File.ReadAllBytes(File("export.pdf")));
        Assert.Contains("Approved", text, StringComparison.Ordinal);
        Assert.Contains("Dupont-Müller", text, StringComparison.Ordinal);
        Assert.Contains("PASSED", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_language_is_refused_naming_the_ones_there_are()
    {
        var result = IssuePdf("xx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lang", result.Error, StringComparison.Ordinal);
        Assert.Contains("de, en, fr, nl", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PDF_without_a_QR_code_exits_2_and_says_so()
    {
        IssuePdf("en");
        var verified = CliRunner.Run("verify", File("prc-en.pdf"), "--registry", Repository.Samples("registry.json"), "--offline", "--export-pdf", File("export.pdf"));
        Assert.Equal(0, verified.ExitCode);

        // The export PDF draws its QR too, but a text-only PDF has nothing to read.
        var textOnly = File("text-only.pdf");
        using (var document = new PdfSharp.Pdf.PdfDocument())
        {
            document.AddPage();
            document.Save(textOnly);
        }

        var result = CliRunner.Run("verify", textOnly, "--registry", Repository.Samples("registry.json"), "--offline");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("holds no image", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
