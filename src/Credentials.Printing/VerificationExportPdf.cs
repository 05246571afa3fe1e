using Credentials.Printing.Pdf;
using Credentials.Verification;
using PdfSharp.Drawing;

namespace Credentials.Printing;

/// <summary>
/// The PDF form of a verification export (EC spec §7): in the language of the document's issuing state (English
/// where the state has several official languages, or when the document could not be read), with the
/// verification's metadata, every step's result, the conclusion, the scanned QR, and when approved the issuer
/// and the reconstructed document data. Step messages are the verifier's own, in English.
/// </summary>
public static class VerificationExportPdf
{
    private const double QrSide = 45 * DocumentCanvas.Mm;

    /// <summary>The labels the export of this report is printed with.</summary>
    public static DocumentLabels LabelsFor(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Payload is { } payload ? DocumentLabels.ForIssuingState(payload.Prc.IssuingCountry) : DocumentLabels.Get(DocumentLabels.DefaultLanguage);
    }

    public static byte[] Create(VerificationReport report)
    {
        var labels = LabelsFor(report);
        var text = labels.Export;
        using var document = DocumentCanvas.NewDocument(text.Title, report.VerifiedAt);
        var writer = new PageWriter(document);
        writer.Paragraph(text.Title, DocumentCanvas.Title, 40);

        writer.Heading(text.Metadata);
        writer.Pair(text.Verifier, report.VerifierName ?? text.Unknown);
        writer.Pair(text.TreatmentDate, report.TreatmentDate is { } date ? DocumentCanvas.Date(date) : text.Unknown);
        writer.Pair(text.VerifiedAt, report.VerifiedAt.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        writer.Pair(text.TrustData, report.TrustDataAsOf is { } asOf ? asOf.UtcDateTime.ToString("dd'/'MM'/'yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : text.Unknown);

        writer.Heading(text.Steps);
        foreach (var step in report.Steps)
        {
            var index = (int)step.Step - 1;
            var title = index >= 0 && index < text.StepTitles.Count ? text.StepTitles[index] : step.Step.Title();
            writer.Step($"{(int)step.Step}. {title}", step.Result.ToWireName(), step.Message);
        }

        writer.Heading(text.Conclusion);
        writer.Paragraph(report.IsApproved ? text.Approved : text.Rejected, DocumentCanvas.Title, 22);
        if (report.IsApproved && report.Issuer is { } issuer)
        {
            writer.Pair(text.Issuer, $"{issuer.Country}:{issuer.OfficialId} {issuer.Name}");
            writer.Pair(text.Kid, issuer.Kid, DocumentCanvas.Small);
        }

        if (report.IsApproved && report.Payload is { } payload)
        {
            var prc = payload.Prc;
            var fields = labels.Prc;
            writer.Heading(payload.IsEhic ? labels.Ehic.Title : text.Document);
            writer.Pair(fields.IssuingState, prc.IssuingCountry.Code);
            writer.Pair(fields.Name, prc.FamilyName);
            writer.Pair(fields.GivenNames, prc.GivenNames);
            writer.Pair(fields.DateOfBirth, DocumentCanvas.Date(prc.DateOfBirth));
            writer.Pair(fields.PersonalNumber, prc.PersonalIdentificationNumber);
            writer.Pair(fields.Institution, $"{prc.Institution.LocalId} - {prc.InstitutionName}");
            writer.Pair(fields.Card, prc.CardNumber ?? fields.NoCard);
            writer.Pair(fields.Expiry, prc.CardExpiry is { } expiry ? DocumentCanvas.Date(expiry) : fields.NoCard);
            if (!payload.IsEhic)
            {
                // An eEHIC's validity is its expiry date above; a PRC has its own period and delivery date.
                writer.Pair(fields.Validity, $"{DocumentCanvas.Date(prc.EntitlementStart)} – {DocumentCanvas.Date(prc.EntitlementEnd)}");
                writer.Pair(fields.Delivery, DocumentCanvas.Date(prc.IssuedOn));
            }
        }

        writer.Heading(text.ScannedQr, keepWith: QrSide);
        writer.Qr(report.QrText, QrSide);
        writer.Finish();
        return DocumentCanvas.Save(document, $"export|{labels.Code}|{report.VerifiedAt:O}|{report.QrText}");
    }
}
