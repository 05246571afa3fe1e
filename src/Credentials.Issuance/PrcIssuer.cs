using Credentials.Issuance.Keys;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Issuance;

/// <summary>
/// Issues ePRCs (spec §2–§3): checks a request against every rule the verifier applies, signs the payload,
/// and produces the token and its QR text. An invalid request is refused with every problem listed.
/// Thread-safe once built.
/// </summary>
public sealed class PrcIssuer : IDisposable
{
    private readonly JwsSigner signer;
    private readonly TimeProvider time;
    private readonly TimeZoneInfo zone;

    public PrcIssuer(SigningIdentity identity, TimeProvider time, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.zone = zone ?? time.LocalTimeZone;
        signer = new JwsSigner(identity.PrivateKey, identity.Certificate);
        certificateNotBefore = DateOnly.FromDateTime(identity.Certificate.NotBefore.ToUniversalTime());
        certificateNotAfter = DateOnly.FromDateTime(identity.Certificate.NotAfter.ToUniversalTime());
    }

    private readonly DateOnly certificateNotBefore;
    private readonly DateOnly certificateNotAfter;

    public JwsAlgorithm Algorithm => signer.Algorithm;

    public EessiKeyId KeyId => signer.KeyId;

    /// <summary>Today in the issuer's time zone: the default date of issuance.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    /// <summary>Issues from a JSON request in the payload's own shape (<c>prc{…}</c>, optional <c>jti</c>, <c>rid</c>; <c>di</c> defaults to today).</summary>
    public IssuanceResult Issue(ReadOnlyMemory<byte> requestJson)
    {
        var read = PrcPayloadReader.Read(requestJson, PayloadReadMode.Request, Today);
        if (!read.Succeeded)
        {
            return new IssuanceResult(null, read.Findings);
        }

        var result = Issue(read.Payload!);
        return read.Findings.Count == 0 ? result : result with { Findings = [.. read.Findings, .. result.Findings] };
    }

    /// <summary>Issues a payload after checking the business rules and the signing certificate on the date of issuance.</summary>
    public IssuanceResult Issue(PrcPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var findings = new List<Finding>(PrcBusinessRules.Evaluate(payload.Prc));
        var issued = payload.Prc.IssuedOn;
        var today = Today;
        if (issued > today)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, $"the date of issuance {issued:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}): di is the date of signing.", "/prc/di"));
        }

        if (issued < certificateNotBefore || issued > certificateNotAfter)
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, $"the signing certificate (valid {certificateNotBefore:yyyy-MM-dd}..{certificateNotAfter:yyyy-MM-dd}) is not valid on the date of issuance {issued:yyyy-MM-dd}.", "/prc/di"));
        }

        if (findings.Any(f => f.IsBlocking))
        {
            return new IssuanceResult(null, findings);
        }

        var token = signer.SignToAscii(PrcPayloadWriter.Write(payload));
        return new IssuanceResult(new IssuedPrc(payload, System.Text.Encoding.ASCII.GetString(token), QrTextCodec.EncodeAscii(token)), findings);
    }

    public void Dispose() => signer.Dispose();
}
