using System.Globalization;
using System.Text;
using Credentials.Labels;
using Credentials.Verification;

namespace Credentials.Cli.Output;

/// <summary>
/// A format-neutral report (export schema 2.0's <see cref="VerificationRecord"/>) for people, laid out as
/// <see cref="ReportPrinter"/> lays out a QR report: the conclusion first, then every step with its result and code,
/// then the issuer when approved. Words from the core's label data, in one language.
/// </summary>
internal static class RecordPrinter
{
    /// <summary>The report in <paramref name="language"/> (a language of the <see cref="MessageCatalog"/>).</summary>
    public static string Format(VerificationRecord record, string language)
    {
        var messages = MessageCatalog.Get(language);
        var resultWidth = Enum.GetValues<StepResult>().Max(r => messages.ResultName(r).Length);
        var document = record.InputKind == ExportInputKind.SdJwtVcPresentation
            ? MessageText.Join(" ", [ReportMessages.WalletCredential(), .. record.DocumentType is { } vct ? [MessageText.Untranslated($"({vct})")] : Array.Empty<MessageText>()])
            : MessageText.Of("report.qrCode");
        var text = new StringBuilder();
        text.AppendLine(messages.Render(MessageText.Of("report.heading", ("document", document), ("conclusion", ReportMessages.Conclusion(record.Conclusion)))));
        text.Append("  ").AppendLine(messages.Render(MessageText.Of(
            "report.when",
            ("date", record.TreatmentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"),
            ("time", record.VerifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))));
        foreach (var step in record.Steps)
        {
            var code = step.Code is { } c ? $" [{c}]" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {step.Number,2}. {messages.ResultName(step.Result).PadRight(resultWidth)} {messages.Render(step.Title)}{code}");
            text.AppendLine(CultureInfo.InvariantCulture, $"      {messages.Render(step.Text)}");
        }

        if (record.KeyBinding is { AbsentButAllowed: true })
        {
            text.Append("  ").AppendLine(messages.Render(ReportMessages.KeyBindingAbsent()));
        }

        if (record.IsApproved && record.Issuer is { } issuer)
        {
            text.AppendLine(messages.Render(ReportMessages.Issuer(issuer)));
        }

        return text.ToString();
    }
}
