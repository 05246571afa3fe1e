using System.Globalization;
using System.Text;
using Credentials.Documents;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Printing;
using Credentials.Verification;

namespace Credentials.Cli.Output;

/// <summary>
/// The verification report for people: conclusion first, then every step, then the document, in one language: the
/// steps' words from the core's label data (<see cref="MessageCatalog"/>), the document's fields labelled as the PDFs
/// label them (<see cref="DocumentLabels"/>).
/// </summary>
internal static class ReportPrinter
{
    /// <summary>The report in English.</summary>
    public static string Format(VerificationReport report) => Format(report, DocumentLabels.Get(DocumentLabels.DefaultLanguage));

    /// <summary>The report in the language of <paramref name="labels"/>.</summary>
    public static string Format(VerificationReport report, DocumentLabels labels)
    {
        var messages = MessageCatalog.Get(labels.Code);

        // Wide enough for the longest result name of the language (NOT PASSED in English), so the titles line up.
        var resultWidth = Enum.GetValues<StepResult>().Max(r => messages.ResultName(r).Length);
        var text = new StringBuilder();
        text.AppendLine(messages.Render(ReportMessages.Heading(report)));
        text.Append("  ").AppendLine(messages.Render(ReportMessages.When(report)));
        foreach (var step in report.Steps)
        {
            var code = step.Code is { } c ? $" [{c.ToWireName()}]" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(int)step.Step}. {messages.ResultName(step.Result).PadRight(resultWidth)} {messages.StepTitle(step.Step)}{code}");
            text.AppendLine(CultureInfo.InvariantCulture, $"     {messages.Render(step.Text)}");
        }

        if (report.IsApproved && report.Issuer is { } issuer && report.Document is { } document)
        {
            text.AppendLine(messages.Render(ReportMessages.Issuer(issuer)));
            var fields = new Fields();
            var heading = document.Match(prc => AppendPrc(fields, prc, labels), ehic => AppendEhic(fields, ehic, labels), isi => AppendIsiPlus(fields, isi, labels));
            text.AppendLine(heading);
            fields.AppendTo(text);
        }

        return text.ToString();
    }

    /// <summary>The fields of the S2 form with their numbers, dates as DD/MM/YYYY as the form prints them.</summary>
    private static string AppendPrc(Fields fields, ProvisionalReplacementCertificate prc, DocumentLabels labels)
    {
        var form = labels.Prc;
        AppendHolder(fields, prc, form);
        fields.Add($"6. {form.PersonalNumber}", prc.PersonalIdentificationNumber);
        fields.Add($"7. {form.Institution}", $"{prc.Institution.Id.LocalId} - {prc.Institution.Name}");
        fields.Add($"8. {form.Card}", prc.CardNumber ?? form.NoCard);
        fields.Add($"9. {form.Expiry}", prc.CardExpiry is { } xd ? Print(xd) : form.NoCard);
        fields.Add($"(a)-(b) {form.Validity}", $"{Print(prc.EntitlementStart)} - {Print(prc.EntitlementEnd)}");
        fields.Add($"(c) {form.Delivery}", Print(prc.IssuedOn));
        return form.Title + ":";
    }

    private static string AppendEhic(Fields fields, EuropeanHealthInsuranceCard card, DocumentLabels labels)
    {
        var form = labels.Prc;
        AppendHolder(fields, card, form);
        fields.Add($"6. {form.PersonalNumber}", card.PersonalIdentificationNumber);
        fields.Add($"7. {form.Institution}", $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        fields.Add($"8. {form.Card}", card.CardNumber);
        fields.Add($"9. {form.Expiry}", Print(card.Expiry));
        fields.Add(labels.Export.IssuedOn, Print(card.IssuedOn));
        return labels.Ehic.Title + " (eEHIC):";
    }

    private static string AppendIsiPlus(Fields fields, IsiPlusCard card, DocumentLabels labels)
    {
        AppendHolder(fields, card, labels.Prc);
        fields.Add(labels.Isi.NationalNumber, card.NationalNumber.Printed);
        fields.Add(labels.Isi.Mutuality, $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        fields.Add(labels.Export.IssuedOn, Print(card.IssuedOn));
        fields.Add(labels.Isi.ValidUntil, Print(card.ValidUntil));
        return labels.Isi.Title + ":";
    }

    private static void AppendHolder(Fields fields, HealthInsuranceDocument document, PrcLabels form)
    {
        fields.Add($"2. {form.IssuingState}", document.IssuingCountry.Code);
        fields.Add($"3. {form.Name}", document.Holder.FamilyName);
        fields.Add($"4. {form.GivenNames}", document.Holder.GivenNames);
        fields.Add($"5. {form.DateOfBirth}", PrintDate(document.Holder.DateOfBirth));
    }

    private static string Print(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>As the PDFs print it: DD/MM/YYYY with 00 for an unknown day or month.</summary>
    private static string PrintDate(PartialDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day:D2}/{date.Month:D2}/{date.Year:D4}");

    /// <summary>The document's fields, printed as a column of labels as wide as the longest (labels differ in length between languages).</summary>
    private sealed class Fields
    {
        private readonly List<(string Label, string Value)> rows = [];

        public void Add(string label, string value) => rows.Add((label, value));

        public void AppendTo(StringBuilder text)
        {
            var width = rows.Max(row => row.Label.Length);
            foreach (var (label, value) in rows)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {label.PadRight(width)}  {value}");
            }
        }
    }
}
