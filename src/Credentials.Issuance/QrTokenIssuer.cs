using Credentials.Documents;
using Credentials.Model;
using Credentials.Signing;
using Credentials.WireFormat;

namespace Credentials.Issuance;

/// <summary>
/// Issues our documents (the ePRC, the eEHIC, the ISI+) as QR tokens (EC ePRC spec §2–§3): checks a document against
/// every rule the verifier applies, signs the payload through the signer seam (a key in memory or in an HSM), and
/// produces the token and its QR text. An invalid request is refused with every problem listed. Thread-safe when
/// the signer is (ours are).
/// </summary>
public sealed class QrTokenIssuer
{
    private readonly JwsSigner signer;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo zone;
    private readonly (DateOnly First, DateOnly Last) certificateValidity;

    /// <summary>An issuer signing with <paramref name="signer"/>, whose certificate must be valid on each date of issuance; "today" is the date in <paramref name="zone"/> (default: the clock's local zone).</summary>
    public QrTokenIssuer(ICertificateSigner signer, TimeProvider time, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.zone = zone ?? time.LocalTimeZone;
        this.signer = new JwsSigner(signer);
        certificateValidity = (DateOnly.FromDateTime(signer.Certificate.NotBefore.ToUniversalTime()), DateOnly.FromDateTime(signer.Certificate.NotAfter.ToUniversalTime()));
    }

    /// <summary>The algorithm the tokens are signed with, which follows the signer's key (ES256 or RS256).</summary>
    public JwsAlgorithm Algorithm => signer.Algorithm;

    /// <summary>The <c>kid</c> every token carries: the thumbprint of the signer's certificate.</summary>
    public EessiKeyId KeyId => signer.KeyId;

    /// <summary>Today in the issuer's time zone: the default date of issuance.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    /// <summary>
    /// Issues from a JSON request in the payload's own shape (<c>prc{…}</c>, <c>ehic{…}</c> or <c>isi{…}</c>, optional
    /// <c>jti</c> and <c>rid</c>; <c>sid</c> follows the document and <c>di</c> defaults to today).
    /// </summary>
    public IssuanceResult Issue(ReadOnlyMemory<byte> requestJson)
    {
        var read = QrPayloadReader.Read(requestJson, PayloadReadMode.Request, Today);
        if (!read.Succeeded)
        {
            return new IssuanceResult(null, read.Findings);
        }

        var result = Issue(read.Payload!);
        return read.Findings.Count == 0 ? result : result with { Findings = [.. read.Findings, .. result.Findings] };
    }

    /// <summary>Issues a payload after checking the document's rules and the signing certificate on the date of issuance.</summary>
    public IssuanceResult Issue(QrTokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var findings = new List<Finding>(payload.CheckRules());
        var issued = payload.Document.IssuedOn;
        var issuedPath = payload.PathOf(DocumentField.IssuedOn);
        var today = Today;
        if (issued > today)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, IssuanceMessages.IssuedInFuture(issued, today), issuedPath));
        }

        if (issued < certificateValidity.First || issued > certificateValidity.Last)
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, IssuanceMessages.CertificateNotValid(certificateValidity.First, certificateValidity.Last, issued), issuedPath));
        }

        if (findings.Any(f => f.IsBlocking))
        {
            return new IssuanceResult(null, findings);
        }

        var token = signer.SignToAscii(QrPayloadWriter.Write(payload));
        return new IssuanceResult(new IssuedQrToken(payload, System.Text.Encoding.ASCII.GetString(token), QrTextCodec.EncodeAscii(token)), findings);
    }
}
