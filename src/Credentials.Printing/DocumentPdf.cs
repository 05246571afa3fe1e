using Credentials.Documents;

namespace Credentials.Printing;

/// <summary>The printable form of any document we issue: the ePRC form, the eEHIC card or the ISI+ card.</summary>
public static class DocumentPdf
{
    /// <summary>The PDF of <paramref name="document"/>'s case (<see cref="PrcPdf"/>, <see cref="EhicPdf"/>, <see cref="IsiPlusPdf"/>) with its signed QR text, in <paramref name="labels"/>' language; <paramref name="createdAt"/> is the PDF's creation date (the caller's clock, not the system's).</summary>
    public static byte[] Create(HealthInsuranceDocument document, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Match(
            prc => PrcPdf.Create(prc, qrText, labels, createdAt),
            ehic => EhicPdf.Create(ehic, qrText, labels, createdAt),
            isi => IsiPlusPdf.Create(isi, qrText, labels, createdAt));
    }
}
