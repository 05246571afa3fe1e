using System.Globalization;
using Credentials.Labels;

namespace Credentials.Verification;

/// <summary>
/// The words around a report's steps when it is shown to people (the CLI's text report, a web page), as keys of the
/// label data, so every host shows the same report in the same language from the same data.
/// </summary>
public static class ReportMessages
{
    /// <summary>"ePRC verification: APPROVED".</summary>
    public static MessageText Heading(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = report.Document?.Name is { } name ? MessageText.Untranslated(name) : MessageText.Of("report.qrCode");
        return MessageText.Of("report.heading", ("document", document), ("conclusion", Conclusion(report.Conclusion)));
    }

    /// <summary>"APPROVED" or "REJECTED".</summary>
    public static MessageText Conclusion(Conclusion conclusion) => MessageText.Of(conclusion == Verification.Conclusion.Approved ? "report.approved" : "report.rejected");

    /// <summary>"treatment date 2026-07-01, verified at 2026-11-28 11:31:13 UTC".</summary>
    public static MessageText When(VerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return MessageText.Of(
            "report.when",
            ("date", report.TreatmentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"),
            ("time", report.VerifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
    }

    /// <summary>"Issuer: BE:0120 CM (EESSI:x5t#S256:…)"; the name is the institution's, from the trust registry.</summary>
    public static MessageText Issuer(IssuerSummary issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return MessageText.Of("report.issuer", ("institution", $"{issuer.Country}:{issuer.OfficialId}"), ("name", issuer.Name), ("kid", issuer.Kid));
    }

    /// <summary>"the presentation came without key binding; the verifier's policy allowed it."</summary>
    public static MessageText KeyBindingAbsent() => MessageText.Of("report.keyBindingAbsent");

    /// <summary>"Wallet credential", what a report's heading calls an SD-JWT VC presentation.</summary>
    public static MessageText WalletCredential() => MessageText.Of("report.walletCredential");
}
