using System.Text.Json.Nodes;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Verification;

namespace Credentials.Tests.Verification;

/// <summary>
/// One report in any language: the words of the steps and findings come from the label data, while what a program
/// reads (step ids, results, codes, severities, paths) is the same in every language, and what the steps decide
/// does not depend on the language at all.
/// </summary>
public sealed class ReportLanguageTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    [Fact]
    public void The_English_export_says_lang_en_and_keeps_its_sentences()
    {
        var json = JsonNode.Parse(VerificationExport.ToJson(RejectedCard.Verify(scenario)))!;
        Assert.Equal("en", (string?)json["lang"]);
        Assert.Equal("TREATMENT_AFTER_ENTITLEMENT", (string?)json["reason"]!["code"]);
        Assert.Equal("the treatment date 2028-07-01 is after the end of the card's validity (2028-06-30).", (string?)json["reason"]!["message"]);
        Assert.Equal("Treatment date within the entitlement", (string?)json["steps"]![6]!["name"]);
        Assert.Equal("rejected at step 7 (Treatment date within the entitlement): the treatment date 2028-07-01 is after the end of the card's validity (2028-06-30).", (string?)json["steps"]![7]!["message"]);
    }

    [Theory]
    [InlineData("de", "Behandlungsdatum im Anspruchszeitraum", "das Behandlungsdatum 2028-07-01 liegt nach dem Ende der Gültigkeit der Karte (2028-06-30).")]
    [InlineData("nl", "Datum van behandeling binnen het recht", "de datum van behandeling 2028-07-01 ligt na het einde van de geldigheid van de kaart (2028-06-30).")]
    [InlineData("fr", "Date des soins dans la période de droits", "la date des soins 2028-07-01 est postérieure à la fin de la validité de la carte (2028-06-30).")]
    public void The_export_in_another_language_has_its_words_and_the_same_codes_and_results(string language, string stepSeven, string reason)
    {
        var report = RejectedCard.Verify(scenario);
        var english = JsonNode.Parse(VerificationExport.ToJson(report))!;
        var translated = JsonNode.Parse(VerificationExport.ToJson(report, language: language))!;
        Assert.Equal(language, (string?)translated["lang"]);
        Assert.Equal(reason, (string?)translated["reason"]!["message"]);
        Assert.Equal(stepSeven, (string?)translated["steps"]![6]!["name"]);
        Assert.Equal((string?)english["reason"]!["code"], (string?)translated["reason"]!["code"]);

        var englishSteps = english["steps"]!.AsArray();
        var steps = translated["steps"]!.AsArray();
        Assert.Equal(englishSteps.Count, steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var member in new[] { "id", "result", "code" })
            {
                Assert.Equal(englishSteps[i]![member]?.ToJsonString(), steps[i]![member]?.ToJsonString());
            }

            Assert.Equal(MessageCatalog.Get(language).StepTitle(report.Steps[i].Step), (string?)steps[i]!["name"]);
            Assert.Equal(report.Steps[i].Text.Render(language), (string?)steps[i]!["message"]);
            Assert.NotEqual((string?)englishSteps[i]!["message"], (string?)steps[i]!["message"]);
            var englishFindings = englishSteps[i]!["findings"]?.AsArray() ?? [];
            var findings = steps[i]!["findings"]?.AsArray() ?? [];
            Assert.Equal(englishFindings.Select(f => (f!["code"]?.ToString(), f["severity"]?.ToString(), f["path"]?.ToString())), findings.Select(f => (f!["code"]?.ToString(), f["severity"]?.ToString(), f["path"]?.ToString())));
            Assert.Equal(report.Steps[i].Findings.Select(f => f.Text.Render(language)), findings.Select(f => (string?)f!["message"]));
        }

        // Everything but the people's words is the same export.
        foreach (var member in new[] { "schema", "conclusion", "treatmentDate", "verifiedAt", "verifier", "qr" })
        {
            Assert.Equal(english[member]?.ToJsonString(), translated[member]?.ToJsonString());
        }
    }

    [Fact]
    public void A_warning_and_a_revocation_reason_are_translated_too()
    {
        // The demo registry carries no date (a warning at step 4); the status step has no source here (N/A at step 6).
        var report = scenario.Verifier().Verify(scenario.IssueValid().QrText, Scenario.Today);
        Assert.True(report.IsApproved);
        var german = JsonNode.Parse(VerificationExport.ToJson(report, language: "de"))!;
        var steps = german["steps"]!.AsArray();
        Assert.Equal("PASSED", (string?)steps[0]!["result"]);
        Assert.Equal("Behandlungsdatum 2026-06-15.", (string?)steps[0]!["message"]);
        Assert.Equal("WARNING", (string?)steps[3]!["result"]);
        Assert.Equal("TRUST_DATA_AGE_UNKNOWN", (string?)steps[3]!["code"]);
        Assert.StartsWith("signiert mit ES256 durch ein Zertifikat, das das Register mit BE:0120 (", (string?)steps[3]!["message"], StringComparison.Ordinal);
        Assert.EndsWith(") verknüpft. das Alter der Vertrauensdaten ist unbekannt (eine Resolver-Liste trägt kein Datum): geben Sie an, wann sie abgerufen wurde, oder verwenden Sie eine Registerdatenbank oder einen signierten Snapshot.", (string?)steps[3]!["message"], StringComparison.Ordinal);
        Assert.Equal("Status nicht geprüft: dieser Prüfer hat keine Quelle für diese Art von Statusliste.", (string?)steps[5]!["message"]);
        Assert.Equal("N/A", (string?)steps[5]!["result"]);
        Assert.Equal("angenommen: alle blockierenden Prüfungen sind bestanden.", (string?)steps[7]!["message"]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public void The_export_written_as_UTF_8_into_a_buffer_is_the_same_text_as_the_export_string(string language)
    {
        // The web API writes the export straight into its response body; the CLI and the page make it a string. German
        // has letters beyond ASCII, written as they are in both.
        var report = scenario.Verifier().Verify(scenario.IssueValid().QrText, Scenario.Today);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16);
        VerificationExport.WriteJson(buffer, report, language: language);
        Assert.Equal(VerificationExport.ToJson(report, language: language), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void The_list_written_into_a_writer_of_the_callers_holds_the_same_exports_as_the_list_text()
    {
        // The web API writes an input's several exports into its own compact writer; the CLI makes the indented text.
        var reports = new[] { scenario.Verifier().Verify(scenario.IssueValid().QrText, Scenario.Today), RejectedCard.Verify(scenario) };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            VerificationExport.WriteList(writer, reports, MessageCatalog.Get("de"));
        }

        var written = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        var text = VerificationExport.ListToJson([.. reports.Select(r => VerificationExport.ToJson(r, language: "de"))]);
        Assert.DoesNotContain('\n', written);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(text), System.Text.Json.Nodes.JsonNode.Parse(written)), written);
        Assert.Equal(2, (int)System.Text.Json.Nodes.JsonNode.Parse(written)!["count"]!);
    }

    [Fact]
    public void The_decision_is_the_same_whatever_the_language_the_report_is_read_in()
    {
        var report = RejectedCard.Verify(scenario);
        foreach (var language in MessageCatalog.Languages)
        {
            var json = JsonNode.Parse(VerificationExport.ToJson(report, language: language))!;
            Assert.Equal("Rejected", (string?)json["conclusion"]);
            Assert.Equal(7, (int?)json["reason"]!["step"]);
            Assert.Equal(FindingCode.TreatmentAfterEntitlement.ToWireName(), (string?)json["reason"]!["code"]);
        }
    }

    [Fact]
    public void An_export_in_an_unknown_language_is_refused_naming_the_languages()
    {
        var report = RejectedCard.Verify(scenario);
        var refused = Assert.Throws<ArgumentException>(() => VerificationExport.ToJson(report, language: "it"));
        Assert.Contains("the languages are de, en, fr, nl", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => scenario.Dispose();
}
