using System.Text.Json.Nodes;
using Credentials.Tests.Support;

namespace Credentials.Tests.Cli;

/// <summary>
/// <c>credentials verify --lang</c> run as a child process: the text report, the JSON and the export PDF in the
/// language asked for, the codes and results the same as in English. The sample PRC (entitlement from 2026-01-01)
/// is verified for a treatment on 2025-12-02: rejected at step 7 whatever today's date.
/// </summary>
public sealed class VerifyLanguageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-verify-lang-").FullName;

    private static CliProcess.Result Verify(params string[] options) =>
        CliProcess.Run([.. new[] { "verify", Repository.Samples("prc-es256", "qr.base45.txt"), "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", "2025-12-02" }, .. options]);

    [Fact]
    public void The_JSON_in_German_has_German_words_and_the_codes_and_results_of_the_English_one()
    {
        var german = Verify("--lang", "de", "--format", "json");
        Assert.True(german.ExitCode == 1, german.ToString());
        var english = Verify("--format", "json");
        Assert.True(english.ExitCode == 1, english.ToString());

        var json = JsonNode.Parse(german.Out)!;
        var englishJson = JsonNode.Parse(english.Out)!;
        Assert.Equal("de", (string?)json["lang"]);
        Assert.Equal("en", (string?)englishJson["lang"]);
        Assert.Equal("TREATMENT_BEFORE_ENTITLEMENT", (string?)json["reason"]!["code"]);
        Assert.Equal("das Behandlungsdatum 2025-12-02 liegt vor dem Beginn des Anspruchszeitraums (2026-01-01).", (string?)json["reason"]!["message"]);
        Assert.Equal("the treatment date 2025-12-02 is before the start of the entitlement (2026-01-01).", (string?)englishJson["reason"]!["message"]);
        Assert.Equal(
            ["Behandlungsdatum", "QR-Code, Base45, zlib und JWS dekodieren", "Schema, kid und Algorithmus validieren", "Schlüssel des Ausstellers auflösen und Signatur prüfen",
             "Zertifikat, Akkreditierung und Datumsregeln", "Widerruf", "Behandlungsdatum im Anspruchszeitraum", "Ergebnis"],
            json["steps"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal(Codes(englishJson), Codes(json));
        Assert.Contains("WARNING", Codes(json).Select(c => c.Result));
    }

    [Fact]
    public void The_text_report_and_the_export_PDF_follow_the_language_too()
    {
        var pdf = Path.Combine(folder, "export.pdf");
        var result = Verify("--lang", "fr", "--export-pdf", pdf);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("Vérification ePRC : REJETÉ", result.Out, StringComparison.Ordinal);
        Assert.Contains("NON CONFORME", result.Out, StringComparison.Ordinal);
        Assert.Contains("[TREATMENT_BEFORE_ENTITLEMENT]", result.Out, StringComparison.Ordinal);
        Assert.Contains("la date des soins 2025-12-02 est antérieure au début de la période de droits (2026-01-01).", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", result.Out, StringComparison.Ordinal);

        var text = PdfTools.Text(File.ReadAllBytes(pdf));
        Assert.Contains("Vérification d'un certificat provisoire de remplacement électronique", text, StringComparison.Ordinal);
        Assert.Contains("la date des soins 2025-12-02 est antérieure au début de la période de droits (2026-01-01).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the treatment date", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_language_the_text_report_is_English_as_before()
    {
        var result = Verify();
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("ePRC verification: REJECTED", result.Out, StringComparison.Ordinal);
        Assert.Contains("  7. NOT PASSED Treatment date within the entitlement [TREATMENT_BEFORE_ENTITLEMENT]", result.Out, StringComparison.Ordinal);
        Assert.Contains("     the treatment date 2025-12-02 is before the start of the entitlement (2026-01-01).", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_language_exits_2_naming_the_languages()
    {
        var result = Verify("--lang", "it");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("credentials: --lang: there are no labels in 'it'; choose one of de, en, fr, nl.", result.Error.TrimEnd('\r', '\n'));
        Assert.Equal(string.Empty, result.Out);
    }

    private static List<(string? Id, string? Result, string? Code)> Codes(JsonNode export) =>
        [.. export["steps"]!.AsArray().Select(s => (s!["id"]?.ToJsonString(), (string?)s["result"], (string?)s["code"]))];

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
