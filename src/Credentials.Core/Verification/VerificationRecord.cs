using Credentials.Labels;

namespace Credentials.Verification;

/// <summary>
/// One verification in a shape that every format fills the same way, for export schema 2.0
/// (<see cref="VerificationExportV2"/>, specs/verification-export.md): what was handed in, the key it named, every
/// step by name with its outcome, the conclusion, and — only when approved — who signed and what was signed. The QR
/// path fills it with <see cref="FromQr"/>; the wallet library fills it from its own report, so this core knows no
/// wallet format.
/// </summary>
public sealed record VerificationRecord
{
    /// <summary>What was handed to the verifier.</summary>
    public required ExportInputKind InputKind { get; init; }

    /// <summary>The data format verified: <c>eprc-qr-jws</c> (EC ePRC spec §3) or <c>sd-jwt-vc</c>.</summary>
    public required string Format { get; init; }

    /// <summary>The document's type, once read: the QR payload's <c>sid</c> or the credential's <c>vct</c>.</summary>
    public string? DocumentType { get; init; }

    /// <summary>Approved or rejected.</summary>
    public required Conclusion Conclusion { get; init; }

    /// <summary>The steps run, in order, the conclusion last.</summary>
    public required IReadOnlyList<ReportStep> Steps { get; init; }

    /// <summary>The treatment date checked, when it was usable.</summary>
    public DateOnly? TreatmentDate { get; init; }

    /// <summary>When the verification was made.</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>When the trust data was last updated, when known.</summary>
    public DateTimeOffset? TrustDataAsOf { get; init; }

    /// <summary>The verifier's identity as configured, e.g. a hospital's name.</summary>
    public string? VerifierName { get; init; }

    /// <summary>How the data named its signing key, once read.</summary>
    public ExportKeyReference? Key { get; init; }

    /// <summary>For a presentation: whether Key Binding was required by the policy, and whether a KB-JWT was verified; null for formats without it.</summary>
    public KeyBindingSummary? KeyBinding { get; init; }

    /// <summary>The text verified as it was received: the QR text, or the presentation. Personal data: never log it.</summary>
    public required string Evidence { get; init; }

    /// <summary>The signer, when approved.</summary>
    public IssuerSummary? Issuer { get; init; }

    /// <summary>When approved: the signed content as JSON (the QR payload as signed, or the credential's claims after the disclosures).</summary>
    public string? ContentJson { get; init; }

    /// <summary>Whether it was approved.</summary>
    public bool IsApproved => Conclusion == Conclusion.Approved;

    /// <summary>The step that rejected, or null.</summary>
    public ReportStep? FailedStep => Steps.FirstOrDefault(s => s.Rejects && s.Name != ConclusionStepName);

    /// <summary>The name of the last step of every format.</summary>
    public const string ConclusionStepName = "conclusion";

    /// <summary>The QR report in this shape; <paramref name="input"/> says whether the QR text came as text, an image or a PDF.</summary>
    public static VerificationRecord FromQr(VerificationReport report, ExportInputKind input = ExportInputKind.QrText)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (input == ExportInputKind.SdJwtVcPresentation)
        {
            throw new ArgumentException("a QR report's input is QR text, an image or a PDF.", nameof(input));
        }

        return new VerificationRecord
        {
            InputKind = input,
            Format = "eprc-qr-jws",
            DocumentType = report.Payload?.SchemaId,
            Conclusion = report.Conclusion,
            Steps = [.. report.Steps.Select(s => new ReportStep((int)s.Step, s.Step.ToWireName(), MessageCatalog.StepTitleText(s.Step), s.Result, s.Text, [.. s.Findings.Select(ReportFinding.From)]))],
            TreatmentDate = report.TreatmentDate,
            VerifiedAt = report.VerifiedAt,
            TrustDataAsOf = report.TrustDataAsOf,
            VerifierName = report.VerifierName,
            Key = report.Header is { } header ? ExportKeyReference.KeyId(header.KeyId.ToString()) : null,
            Evidence = report.QrText,
            Issuer = report.IsApproved ? report.Issuer : null,
            ContentJson = report.IsApproved ? report.PayloadJson : null,
        };
    }
}
