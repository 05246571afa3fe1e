using Credentials.Verification;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// A wallet verification in the core's format-neutral shape (<see cref="VerificationRecord"/>), which export schema 2.0
/// writes (<see cref="VerificationExportV2"/>): the core defines the shape and the writer and knows nothing of SD-JWT;
/// this library fills it.
/// </summary>
public static class WalletReportRecord
{
    /// <summary>The data format's name in the export.</summary>
    public const string Format = "sd-jwt-vc";

    /// <summary>The report as a record; <paramref name="presentation"/> is the text verified (the export's evidence), <paramref name="verifierName"/> who verified.</summary>
    public static VerificationRecord ToRecord(this WalletVerificationReport report, string presentation, string? verifierName = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(presentation);
        var keyBindingStep = report[WalletVerificationStep.KeyBinding];

        // A KB-JWT was presented when it verified, or when the step refused it for anything but its absence.
        var presented = report.KeyBinding == KeyBindingStatus.Verified
            || (keyBindingStep is { Rejects: true } && keyBindingStep.Code != WalletFindingCodes.Of(SdJwtError.KeyBindingMissing));
        return new VerificationRecord
        {
            InputKind = ExportInputKind.SdJwtVcPresentation,
            Format = Format,
            DocumentType = report.Type?.Vct,
            Conclusion = report.Conclusion,
            Steps = [.. report.Steps.Select(s => new ReportStep((int)s.Step, s.Step.ToWireName(), WalletMessages.TitleText(s.Step), s.Result, s.Text, [.. s.Findings.Select(f => new ReportFinding(f.Code, f.Severity, f.Text, f.Path))]))],
            TreatmentDate = report.TreatmentDate,
            VerifiedAt = report.VerifiedAt,
            TrustDataAsOf = report.TrustDataAsOf,
            VerifierName = verifierName,
            Key = report.CertificateThumbprint is { } thumbprint ? ExportKeyReference.ChainLeaf(thumbprint) : null,

            // Key Binding is summarised once its step ran: before it, nothing is known of the KB-JWT.
            KeyBinding = keyBindingStep is null ? null : new KeyBindingSummary(report.KeyBindingRequired, presented, report.KeyBinding == KeyBindingStatus.Verified),
            Evidence = presentation,
            Issuer = report.IsApproved && report.Issuer is { } issuer && report.CertificateThumbprint is { } leaf
                ? new IssuerSummary(issuer.Id.Country.Code, issuer.Id.LocalId, issuer.Name, "x5t#S256:" + leaf)
                : null,
            ContentJson = report.IsApproved ? report.ClaimsJson : null,
        };
    }
}
