using Credentials.Documents;
using Credentials.Labels;
using Credentials.Printing.Pdf;
using Credentials.Verification;
using PdfSharp.Drawing;

namespace Credentials.Printing;

/// <summary>
/// The PDF form of a verification export (EC spec §7): in the verifier's chosen language, by default the language of
/// the document's issuing state (English where the state has several official languages, or when the document could
/// not be read), with the verification's metadata, every step's result, the conclusion, the scanned QR, and when
/// approved the issuer and the reconstructed document — titled and labelled for its kind (ePRC, eEHIC, ISI+). The
/// steps' titles, results and messages come from the core's label data (<see cref="MessageCatalog"/>) in the same
/// language, so one PDF is in one language.
/// </summary>
public static class VerificationExportPdf
{
    private const double QrSide = 45 * DocumentCanvas.Mm;

    /// <summary>The labels the export of this report is printed with.</summary>
    public static DocumentLabels LabelsFor(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Document is { } document ? DocumentLabels.ForIssuingState(document.IssuingCountry) : DocumentLabels.Get(DocumentLabels.DefaultLanguage);
    }

    /// <summary>The export of <paramref name="report"/> as a PDF, in <paramref name="labels"/>' language (default: <see cref="LabelsFor"/>).</summary>
    public static byte[] Create(VerificationReport report, DocumentLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        labels ??= LabelsFor(report);
        var messages = MessageCatalog.Get(labels.Code);
        var text = labels.Export;
        var title = report.Document?.Match(_ => text.Title, _ => text.TitleEhic, _ => text.TitleIsi) ?? text.Title;
        using var document = DocumentCanvas.NewDocument(title, report.VerifiedAt);
        var writer = new PageWriter(document);
        writer.Paragraph(title, DocumentCanvas.Title, 40);

        writer.Heading(text.Metadata);
        writer.Pair(text.Verifier, report.VerifierName ?? text.Unknown);
        writer.Pair(text.TreatmentDate, report.TreatmentDate is { } date ? DocumentCanvas.Date(date) : text.Unknown);
        writer.Pair(text.VerifiedAt, report.VerifiedAt.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        writer.Pair(text.TrustData, report.TrustDataAsOf is { } asOf ? asOf.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : text.Unknown);

        writer.Heading(text.Steps);
        foreach (var step in report.Steps)
        {
            writer.Step($"{(int)step.Step}. {messages.StepTitle(step.Step)}", messages.ResultName(step.Result), messages.Render(step.Text));
        }

        writer.Heading(text.Conclusion);
        writer.Paragraph(report.IsApproved ? text.Approved : text.Rejected, DocumentCanvas.Title, 22);
        if (report.IsApproved && report.Issuer is { } issuer)
        {
            writer.Pair(text.Issuer, $"{issuer.Country}:{issuer.OfficialId} {issuer.Name}");
            writer.Pair(text.Kid, issuer.Kid, DocumentCanvas.Small);
        }

        if (report.IsApproved && report.Document is { } approved)
        {
            approved.Match<object?>(
                prc => WritePrc(writer, prc, labels),
                ehic => WriteEhic(writer, ehic, labels),
                isi => WriteIsiPlus(writer, isi, labels));
        }

        writer.Heading(text.ScannedQr, keepWith: QrSide);
        writer.Qr(report.QrText, QrSide);
        writer.Finish();
        return DocumentCanvas.Save(document, $"export|{labels.Code}|{report.VerifiedAt:O}|{report.QrText}");
    }

    /// <summary>The certificate's fields, as the S2 form names them.</summary>
    private static object? WritePrc(PageWriter writer, ProvisionalReplacementCertificate prc, DocumentLabels labels)
    {
        var fields = labels.Prc;
        writer.Heading(labels.Export.Document);
        WriteHolder(writer, prc, fields);
        writer.Pair(fields.PersonalNumber, prc.PersonalIdentificationNumber);
        writer.Pair(fields.Institution, $"{prc.Institution.Id.LocalId} - {prc.Institution.Name}");
        writer.Pair(fields.Card, prc.CardNumber ?? fields.NoCard);
        writer.Pair(fields.Expiry, prc.CardExpiry is { } expiry ? DocumentCanvas.Date(expiry) : fields.NoCard);
        writer.Pair(fields.Validity, $"{DocumentCanvas.Date(prc.EntitlementStart)} – {DocumentCanvas.Date(prc.EntitlementEnd)}");
        writer.Pair(fields.Delivery, DocumentCanvas.Date(prc.IssuedOn));
        return null;
    }

    /// <summary>The card's fields 2–9 and its date of issue; its validity is its expiry (field 9).</summary>
    private static object? WriteEhic(PageWriter writer, EuropeanHealthInsuranceCard card, DocumentLabels labels)
    {
        var fields = labels.Prc;
        writer.Heading(labels.Ehic.Title);
        WriteHolder(writer, card, fields);
        writer.Pair(fields.PersonalNumber, card.PersonalIdentificationNumber);
        writer.Pair(fields.Institution, $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        writer.Pair(fields.Card, card.CardNumber);
        writer.Pair(fields.Expiry, DocumentCanvas.Date(card.Expiry));
        writer.Pair(labels.Export.IssuedOn, DocumentCanvas.Date(card.IssuedOn));
        return null;
    }

    /// <summary>The ISI+ card as it is printed: the national number, the holder, the health insurance fund, the validity.</summary>
    private static object? WriteIsiPlus(PageWriter writer, IsiPlusCard card, DocumentLabels labels)
    {
        var fields = labels.Prc;
        writer.Heading(labels.Isi.Title);
        writer.Pair(fields.IssuingState, card.IssuingCountry.Code);
        writer.Pair(labels.Isi.NationalNumber, card.NationalNumber.Printed);
        writer.Pair(fields.Name, card.Holder.FamilyName);
        writer.Pair(fields.GivenNames, card.Holder.GivenNames);
        writer.Pair(fields.DateOfBirth, DocumentCanvas.Date(card.Holder.DateOfBirth));
        writer.Pair(labels.Isi.Mutuality, $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        writer.Pair(labels.Export.IssuedOn, DocumentCanvas.Date(card.IssuedOn));
        writer.Pair(labels.Isi.ValidUntil, DocumentCanvas.Date(card.ValidUntil));
        return null;
    }

    private static void WriteHolder(PageWriter writer, HealthInsuranceDocument document, PrcLabels fields)
    {
        writer.Pair(fields.IssuingState, document.IssuingCountry.Code);
        writer.Pair(fields.Name, document.Holder.FamilyName);
        writer.Pair(fields.GivenNames, document.Holder.GivenNames);
        writer.Pair(fields.DateOfBirth, DocumentCanvas.Date(document.Holder.DateOfBirth));
    }
}
