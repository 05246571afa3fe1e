using Credentials.Labels;
using Credentials.Printing;
using Credentials.Verification;

namespace Credentials.Host.Verify;

/// <summary>
/// The words of a verification report in one language, from the same label data as the export PDF: the steps'
/// titles, results and messages from the core's <see cref="MessageCatalog"/>, the conclusion and the document's field
/// labels from <see cref="DocumentLabels"/>. This is the one place the page asks for report words.
/// </summary>
internal sealed class ReportWording
{
    private ReportWording(DocumentLabels labels)
    {
        Labels = labels;
        Messages = MessageCatalog.Get(labels.Code);
    }

    /// <summary>The step and finding messages of the language.</summary>
    public MessageCatalog Messages { get; }

    /// <summary>The document labels of the language (also what the export PDF is printed with).</summary>
    public DocumentLabels Labels { get; }

    /// <summary>The language code.</summary>
    public string Language => Labels.Code;

    /// <summary>The languages reports can be worded in: those of both the document labels and the message catalog.</summary>
    public static IReadOnlyCollection<string> Languages { get; } = [.. DocumentLabels.Languages.Where(code => MessageCatalog.TryGet(code, out _)).Order(StringComparer.Ordinal)];

    public static bool TryGet(string? language, out ReportWording wording)
    {
        wording = null!;
        if (!Languages.Contains(language ?? DocumentLabels.DefaultLanguage) || !DocumentLabels.TryGet(language, out var labels))
        {
            return false;
        }

        wording = new ReportWording(labels);
        return true;
    }

    public static ReportWording Get(string? language) => TryGet(language, out var wording) ? wording : new ReportWording(DocumentLabels.Get(DocumentLabels.DefaultLanguage));

    public string StepTitle(VerificationStep step) => Messages.StepTitle(step);

    public string ResultName(StepResult result) => Messages.ResultName(result);

    public string Message(StepOutcome step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Messages.Render(step.Text);
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
