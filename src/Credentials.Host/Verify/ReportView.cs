using System.Globalization;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Verification;

namespace Credentials.Host.Verify;

/// <summary>A verification report as the page shows it, in one language: every step, the conclusion, and when approved the issuer and the document's fields.</summary>
public sealed record ReportView(
    string Title,
    bool Approved,
    string Conclusion,
    int? FailedStep,
    string? FailedCode,
    IReadOnlyList<ReportView.StepRow> Steps,
    IReadOnlyList<ReportView.FieldRow> Details,
    IReadOnlyList<ReportView.FieldRow> Document)
{
    /// <summary>Sentences shown under the conclusion (e.g. that a presentation came without key binding and the policy allowed it).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether this is a wallet presentation's report (its export is JSON only).</summary>
    public bool IsPresentation { get; init; }

    /// <summary>One step: its number, title, result (the specification's name, as shown in the language, and a class for its colour), message and code.</summary>
    public sealed record StepRow(int Number, string Title, string Result, string ResultShown, string ResultClass, string Message, string? Code);

    /// <summary>A label and its value.</summary>
    public sealed record FieldRow(string Label, string Value);

    internal static ReportView Of(VerificationReport report, ReportWording wording)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(wording);
        var export = wording.Labels.Export;
        var steps = report.Steps.Select(step => new StepRow(
            (int)step.Step,
            wording.StepTitle(step.Step),
            step.Result.ToWireName(),
            wording.ResultName(step.Result),
            step.Result switch { StepResult.Passed => "passed", StepResult.NotPassed => "not-passed", StepResult.Warning => "warning", _ => "not-applicable" },
            wording.Message(step),
            step.Code?.ToWireName())).ToList();
        var details = new List<FieldRow>
        {
            new(export.TreatmentDate, report.TreatmentDate is { } date ? Print(date) : export.Unknown),
            new(export.VerifiedAt, report.VerifiedAt.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new(export.TrustData, report.TrustDataAsOf is { } asOf ? asOf.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : export.Unknown),
        };
        if (report.VerifierName is { } verifier)
        {
            details.Insert(0, new FieldRow(export.Verifier, verifier));
        }

        var document = new List<FieldRow>();
        if (report.IsApproved && report.Issuer is { } issuer && report.Document is { } approved)
        {
            document.Add(new FieldRow(export.Issuer, $"{issuer.Country}:{issuer.OfficialId} {issuer.Name}"));
            AddFields(document, approved, wording);
        }

        var failed = report.FailedStep;
        return new ReportView(wording.Title(report), report.IsApproved, wording.Conclusion(report.IsApproved), failed is null ? null : (int)failed.Step, failed?.Code?.ToWireName(), steps, details, document);
    }

    /// <summary>A wallet presentation's report (export schema 2.0's shape): its steps by number, the key binding note, and the issuer when approved.</summary>
    internal static ReportView Of(VerificationRecord record, ReportWording wording, string audienceLabel, string audience)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(wording);
        var export = wording.Labels.Export;
        var messages = wording.Messages;
        var steps = record.Steps.Select(step => new StepRow(
            step.Number,
            messages.Render(step.Title),
            step.Result.ToWireName(),
            wording.ResultName(step.Result),
            step.Result switch { StepResult.Passed => "passed", StepResult.NotPassed => "not-passed", StepResult.Warning => "warning", _ => "not-applicable" },
            messages.Render(step.Text),
            step.Code)).ToList();
        var details = new List<FieldRow>
        {
            new(export.TreatmentDate, record.TreatmentDate is { } date ? Print(date) : export.Unknown),
            new(export.VerifiedAt, record.VerifiedAt.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new(export.TrustData, record.TrustDataAsOf is { } asOf ? asOf.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) : export.Unknown),
            new(audienceLabel, audience),
        };
        if (record.VerifierName is { } verifier)
        {
            details.Insert(0, new FieldRow(export.Verifier, verifier));
        }

        var document = new List<FieldRow>();
        if (record.IsApproved && record.Issuer is { } issuer)
        {
            document.Add(new FieldRow(export.Issuer, $"{issuer.Country}:{issuer.OfficialId} {issuer.Name}"));
        }

        var title = messages.Render(Labels.MessageText.Join(" ", [ReportMessages.WalletCredential(), .. record.DocumentType is { } vct ? [Labels.MessageText.Untranslated($"({vct})")] : Array.Empty<Labels.MessageText>()]));
        var failed = record.FailedStep;
        return new ReportView(title, record.IsApproved, wording.Conclusion(record.IsApproved), failed?.Number, failed?.Code, steps, details, document)
        {
            Notes = record.KeyBinding is { AbsentButAllowed: true } ? [messages.Render(ReportMessages.KeyBindingAbsent())] : [],
            IsPresentation = true,
        };
    }

    /// <summary>The document's fields, numbered and labelled as the printed form has them.</summary>
    private static void AddFields(List<FieldRow> rows, HealthInsuranceDocument document, ReportWording wording)
    {
        var labels = wording.Labels;
        var form = labels.Prc;
        rows.Add(new FieldRow($"2. {form.IssuingState}", document.IssuingCountry.Code));
        rows.Add(new FieldRow($"3. {form.Name}", document.Holder.FamilyName));
        rows.Add(new FieldRow($"4. {form.GivenNames}", document.Holder.GivenNames));
        rows.Add(new FieldRow($"5. {form.DateOfBirth}", Print(document.Holder.DateOfBirth)));
        document.Match<object?>(
            prc =>
            {
                rows.Add(new FieldRow($"6. {form.PersonalNumber}", prc.PersonalIdentificationNumber));
                rows.Add(new FieldRow($"7. {form.Institution}", $"{prc.Institution.Id.LocalId} - {prc.Institution.Name}"));
                rows.Add(new FieldRow($"8. {form.Card}", prc.CardNumber ?? form.NoCard));
                rows.Add(new FieldRow($"9. {form.Expiry}", prc.CardExpiry is { } expiry ? Print(expiry) : form.NoCard));
                rows.Add(new FieldRow($"(a)-(b) {form.Validity}", $"{Print(prc.EntitlementStart)} - {Print(prc.EntitlementEnd)}"));
                rows.Add(new FieldRow($"(c) {form.Delivery}", Print(prc.IssuedOn)));
                return null;
            },
            card =>
            {
                rows.Add(new FieldRow($"6. {form.PersonalNumber}", card.PersonalIdentificationNumber));
                rows.Add(new FieldRow($"7. {form.Institution}", $"{card.Institution.Id.LocalId} - {card.Institution.Name}"));
                rows.Add(new FieldRow($"8. {form.Card}", card.CardNumber));
                rows.Add(new FieldRow($"9. {form.Expiry}", Print(card.Expiry)));
                rows.Add(new FieldRow(labels.Export.IssuedOn, Print(card.IssuedOn)));
                return null;
            },
            isi =>
            {
                rows.Add(new FieldRow(labels.Isi.NationalNumber, isi.NationalNumber.Printed));
                rows.Add(new FieldRow(labels.Isi.Mutuality, $"{isi.Institution.Id.LocalId} - {isi.Institution.Name}"));
                rows.Add(new FieldRow(labels.Export.IssuedOn, Print(isi.IssuedOn)));
                rows.Add(new FieldRow(labels.Isi.ValidUntil, Print(isi.ValidUntil)));
                return null;
            });
    }

    private static string Print(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>As the PDFs print it: DD/MM/YYYY with 00 for an unknown day or month.</summary>
    private static string Print(PartialDate date) => string.Create(CultureInfo.InvariantCulture, $"{date.Day:D2}/{date.Month:D2}/{date.Year:D4}");
}
