using Credentials.Model;

namespace Credentials.Printing;

/// <summary>The printable form of any document we issue, chosen by its schema: the ePRC form, the eEHIC card or the ISI+ card.</summary>
public static class DocumentPdf
{
    public static byte[] Create(PrcPayload payload, string qrText, DocumentLabels labels, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.IsEhic ? EhicPdf.Create(payload.Prc, qrText, labels, createdAt)
            : payload.IsIsiPlus ? IsiPlusPdf.Create(payload.Prc, qrText, labels, createdAt)
            : PrcPdf.Create(payload.Prc, qrText, labels, createdAt);
    }
}
