using Credentials.Printing;
using Credentials.Verification;

namespace Credentials.Host.Verify;

/// <summary>
/// The words of a verification report in one language, from the same label data as the export PDF
/// (<see cref="DocumentLabels"/>): step titles, the conclusion, the document's field labels. Results keep the
/// specification's names (PASSED, NOT PASSED, WARNING, N/A) in every language, as the export does; the steps'
/// messages are the verifier's own sentences. This is the one place the page asks for report words, so the
/// message catalog's translations arrive here alone.
/// </summary>
internal sealed class ReportWording
{
    private ReportWording(DocumentLabels labels) => Labels = labels;

    /// <summary>The document labels of the language (also what the export PDF is printed with).</summary>
    public DocumentLabels Labels { get; }

    /// <summary>The language code.</summary>
    public string Language => Labels.Code;

    /// <summary>The languages reports can be worded in.</summary>
    public static IReadOnlyCollection<string> Languages => DocumentLabels.Languages;

    public static bool TryGet(string? language, out ReportWording wording)
    {
        wording = null!;
        if (!DocumentLabels.TryGet(language, out var labels))
        {
            return false;
        }

        wording = new ReportWording(labels);
        return true;
    }

    public static ReportWording Get(string? language) => TryGet(language, out var wording) ? wording : new ReportWording(DocumentLabels.Get(DocumentLabels.DefaultLanguage));

    public string StepTitle(VerificationStep step)
    {
        var index = (int)step - 1;
        var titles = Labels.Export.StepTitles;
        return index >= 0 && index < titles.Count ? titles[index] : step.Title();
    }

    public static string ResultName(StepResult result) => result.ToWireName();

    public static string Message(StepOutcome step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Message;
    }

    public string Conclusion(bool approved) => approved ? Labels.Export.Approved : Labels.Export.Rejected;

    /// <summary>The title of the report: "Verification of an electronic Provisional Replacement Certificate", or of the card.</summary>
    public string Title(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = Labels.Export;
        return report.Document?.Match(_ => text.Title, _ => text.TitleEhic, _ => text.TitleIsi) ?? text.Title;
    }
}
