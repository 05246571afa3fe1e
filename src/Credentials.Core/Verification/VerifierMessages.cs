using System.Globalization;
using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Verification;

/// <summary>
/// The verifier's own sentences for each step (EC ePRC spec §5), as keys of the label data. Arguments are dates,
/// institution ids, certificate thumbprints, algorithm names and periods: never a holder's name or number.
/// </summary>
internal static class VerifierMessages
{
    public static MessageText TreatmentDateBefore1900(DateOnly date) => MessageText.Of("verify.treatmentDate.before1900", ("date", date));

    public static MessageText TreatmentDateInFuture(DateOnly date, DateOnly today) => MessageText.Of("verify.treatmentDate.future", ("date", date), ("today", today));

    public static MessageText TreatmentDatePassed(DateOnly date, bool defaulted) =>
        MessageText.Of(defaulted ? "verify.treatmentDate.passedToday" : "verify.treatmentDate.passed", ("date", date));

    public static MessageText Decoded() => MessageText.Of("verify.decode.passed");

    public static MessageText Validated(string? schema) => MessageText.Of("verify.validate.passed", ("schema", schema ?? string.Empty));

    public static MessageText TrustDataExpired(DateTimeOffset due) => MessageText.Of("verify.trust.expired", ("due", Minute(due)));

    public static MessageText TrustDataTooOld(TimeSpan age, TimeSpan limit) => MessageText.Of("verify.trust.tooOld", ("age", Duration(age)), ("limit", Duration(limit)));

    public static MessageText TrustDataAgeUnknown() => MessageText.Of("verify.trust.ageUnknown");

    public static MessageText TrustDataStale(TimeSpan age) => MessageText.Of("verify.trust.stale", ("age", Duration(age)));

    public static MessageText KeyNotResolved(string thumbprint) => MessageText.Of("verify.key.notResolved", ("thumbprint", thumbprint));

    public static MessageText KeyNotLinked(InstitutionId source, string thumbprint, IEnumerable<InstitutionId> linked) =>
        MessageText.Of("verify.key.notLinked", ("source", source.ToString()), ("thumbprint", thumbprint), ("linked", string.Join(", ", linked)));

    public static MessageText KeyAmbiguous(InstitutionId source, string thumbprint) => MessageText.Of("verify.key.ambiguous", ("source", source.ToString()), ("thumbprint", thumbprint));

    public static MessageText KeyUnusable(MessageText problem) => MessageText.Of("verify.key.unusable", ("problem", problem));

    public static MessageText SignatureInvalid(string algorithm, InstitutionId source) => MessageText.Of("verify.signature.invalid", ("algorithm", algorithm), ("source", source.ToString()));

    /// <summary>The issuer's name is the institution's, from the trust registry (not personal data).</summary>
    public static MessageText SignatureVerified(string algorithm, InstitutionId source, string issuer) =>
        MessageText.Of("verify.key.passed", ("algorithm", algorithm), ("source", source.ToString()), ("issuer", issuer));

    public static MessageText CertificateNotValid(string validity, DateOnly issued) => MessageText.Of("verify.business.certificateNotValid", ("validity", validity), ("issued", issued));

    /// <summary>Not accredited on the date of issuance; <paramref name="periods"/> are the accreditation periods the issuer has, when any.</summary>
    public static MessageText NotAccredited(InstitutionId issuer, string document, DateOnly issued, string? periods, MessageText note) => periods is null
        ? MessageText.Of("verify.business.notAccreditedNone", ("issuer", issuer.ToString()), ("document", document), ("issued", issued), ("note", note))
        : MessageText.Of("verify.business.notAccredited", ("issuer", issuer.ToString()), ("document", document), ("issued", issued), ("periods", periods), ("note", note));

    public static MessageText OutsideAccreditation(string period, string document, InstitutionId issuer, MessageText note) =>
        MessageText.Of("verify.business.outsideAccreditation", ("period", period), ("document", document), ("issuer", issuer.ToString()), ("note", note));

    public static MessageText BusinessChecksPassed(InstitutionId issuer, string document, DateOnly issued, MessageText note) =>
        MessageText.Of("verify.business.passed", ("issuer", issuer.ToString()), ("document", document), ("issued", issued), ("note", note));

    /// <summary>Why another accreditation stands in, as a bracket after the sentence's subject; nothing when none does.</summary>
    public static MessageText AccreditationNote(MessageText? note) => note is null ? MessageText.Empty : MessageText.Of("verify.business.note", ("note", note));

    public static MessageText StatusReferenceMissing(bool tokenIdMissing, bool listMissing) => MessageText.Of(
        (tokenIdMissing, listMissing) switch
        {
            (true, true) => "verify.status.missingBoth",
            (true, false) => "verify.status.missingJti",
            _ => "verify.status.missingRid",
        });

    public static MessageText TreatmentBeforeCoverage(DateOnly date, DateOnly start, bool isEntitlement) =>
        MessageText.Of(isEntitlement ? "verify.period.beforeEntitlement" : "verify.period.beforeCardValidity", ("date", date), ("start", start));

    public static MessageText TreatmentAfterCoverage(DateOnly date, DateOnly end, bool isEntitlement) =>
        MessageText.Of(isEntitlement ? "verify.period.afterEntitlement" : "verify.period.afterCardValidity", ("date", date), ("end", end));

    public static MessageText TreatmentInCoverage(string period, bool isEntitlement) =>
        MessageText.Of(isEntitlement ? "verify.period.inEntitlement" : "verify.period.inCardValidity", ("period", period));

    public static MessageText Approved() => MessageText.Of("verify.conclusion.approved");

    public static MessageText Rejected(VerificationStep step, MessageText reason) =>
        MessageText.Of("verify.conclusion.rejected", ("step", (int)step), ("title", MessageCatalog.StepTitleText(step)), ("reason", reason));

    /// <summary>An age for people: whole hours under two days, else whole days.</summary>
    private static MessageText Duration(TimeSpan age) => age.TotalHours < 48
        ? MessageText.Of("duration.hours", ("count", (long)Math.Floor(age.TotalHours)))
        : MessageText.Of("duration.days", ("count", (long)Math.Floor(age.TotalDays)));

    private static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
