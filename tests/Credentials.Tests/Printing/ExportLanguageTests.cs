using Credentials.Labels;
using Credentials.Printing;
using Credentials.Tests.Support;
using Credentials.Verification;

namespace Credentials.Tests.Printing;

/// <summary>One export PDF, one language: the labels, the steps' titles, results and messages all in it (text as a viewer extracts it, PdfPig).</summary>
public sealed class ExportLanguageTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    [Fact]
    public void A_German_export_of_a_rejected_eEHIC_has_German_steps_and_no_English_step_sentence()
    {
        var report = RejectedCard.Verify(scenario);
        var text = PdfTools.Text(VerificationExportPdf.Create(report, DocumentLabels.Get("de")));
        var steps = WithoutResults(text, MessageCatalog.Get("de"));

        foreach (var expected in new[]
        {
            "Prüfung einer elektronischen Europäischen Krankenversicherungskarte", "Abgelehnt",
            "1. Behandlungsdatum", "4. Schlüssel des Ausstellers auflösen und Signatur prüfen", "7. Behandlungsdatum im Anspruchszeitraum", "8. Ergebnis",
            "das Behandlungsdatum 2028-07-01 liegt nach dem Ende der Gültigkeit der Karte (2028-06-30).",
            "abgelehnt in Schritt 7 (Behandlungsdatum im Anspruchszeitraum):",
            "Widerruf nicht geprüft: rid fehlt.",
            "das Alter der Vertrauensdaten ist unbekannt",
        })
        {
            Assert.Contains(expected, steps, StringComparison.Ordinal);
        }

        foreach (var result in new[] { "BESTANDEN", "WARNUNG", "NICHT BESTANDEN" })
        {
            Assert.Contains(result, text, StringComparison.Ordinal);
        }

        // No step title, result or sentence of the English report is left in it.
        var english = MessageCatalog.English;
        foreach (var step in report.Steps)
        {
            Assert.DoesNotContain(english.StepTitle(step.Step), steps, StringComparison.Ordinal);
            Assert.DoesNotContain(step.Message, steps, StringComparison.Ordinal);
            Assert.DoesNotContain(english.ResultName(step.Result), text, StringComparison.Ordinal);
            Assert.All(step.Findings, finding => Assert.DoesNotContain(finding.Message, steps, StringComparison.Ordinal));
        }

        foreach (var english_word in new[] { "the treatment date", "PASSED", "WARNING", "N/A", "Treatment", "revocation", "Rejected", "Verification" })
        {
            Assert.DoesNotContain(english_word, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_language_the_export_of_a_document_from_a_German_speaking_state_is_German_steps_included()
    {
        // A PRC that says it comes from DE:0120: the key is not linked to that institution, so step 4 rejects it.
        var payload = Scenario.ValidPayload();
        payload["prc"]!["ic"] = "DE";
        var report = scenario.Verifier().Verify(scenario.ForgeQr(payload), Scenario.Today);
        Assert.Equal(VerificationStep.ResolveKey, report.FailedStep?.Step);
        Assert.Equal("de", VerificationExportPdf.LabelsFor(report).Code);
        var text = PdfTools.Text(VerificationExportPdf.Create(report));
        Assert.Contains("der Schlüssel ist nicht mit der authentischen Quelle DE:0120 verknüpft", text, StringComparison.Ordinal);
        Assert.Contains("NICHT BESTANDEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain(report.FailedStep!.Message, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Datum van behandeling binnen het recht", "NIET GESLAAGD", "de datum van behandeling 2028-07-01 ligt na het einde van de geldigheid van de kaart (2028-06-30).")]
    [InlineData("fr", "Date des soins dans la période de droits", "NON CONFORME", "la date des soins 2028-07-01 est postérieure à la fin de la validité de la carte (2028-06-30).")]
    [InlineData("en", "Treatment date within the entitlement", "NOT PASSED", "the treatment date 2028-07-01 is after the end of the card's validity (2028-06-30).")]
    public void Each_language_s_export_has_its_own_step_words(string language, string title, string result, string message)
    {
        var text = PdfTools.Text(VerificationExportPdf.Create(RejectedCard.Verify(scenario), DocumentLabels.Get(language)));
        var steps = WithoutResults(text, MessageCatalog.Get(language));
        Assert.Contains($"7. {title}", steps, StringComparison.Ordinal);
        Assert.Contains(result, text, StringComparison.Ordinal);
        Assert.Contains(message, steps, StringComparison.Ordinal);
    }

    /// <summary>
    /// The text with the results taken out: a step's title wraps in its column and a viewer reads the result (beside
    /// its first line) between the title's lines.
    /// </summary>
    private static string WithoutResults(string text, MessageCatalog catalog)
    {
        foreach (var result in Enum.GetValues<StepResult>().Select(catalog.ResultName).OrderByDescending(name => name.Length))
        {
            text = text.Replace(" " + result + " ", " ", StringComparison.Ordinal);
        }

        return text;
    }

    public void Dispose() => scenario.Dispose();
}
