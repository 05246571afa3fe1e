using System.Globalization;
using Credentials.Documents;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// Every sentence a wallet verification says, as keys of the core's label data (<see cref="MessageCatalog"/>,
/// <c>wallet.*</c>), so a wallet report reads in the same four languages as a QR report. None names personal data:
/// institutions, dates of the document, thumbprints and algorithm names only.
/// </summary>
public static class WalletMessages
{
    /// <summary>A step's title in English.</summary>
    public static string Title(WalletVerificationStep step) => TitleText(step).ToString();

    /// <summary>A step's title as a text, to be rendered in any language.</summary>
    public static MessageText TitleText(WalletVerificationStep step) => MessageText.Of(step switch
    {
        WalletVerificationStep.Decode => "wallet.step.decode",
        WalletVerificationStep.SignatureAndTrust => "wallet.step.signatureAndTrust",
        WalletVerificationStep.Disclosures => "wallet.step.disclosures",
        WalletVerificationStep.TechnicalValidity => "wallet.step.technicalValidity",
        WalletVerificationStep.KeyBinding => "wallet.step.keyBinding",
        WalletVerificationStep.Claims => "wallet.step.claims",
        WalletVerificationStep.DocumentValidity => "wallet.step.documentValidity",
        WalletVerificationStep.Coverage => "wallet.step.coverage",
        WalletVerificationStep.Status => "wallet.step.status",
        WalletVerificationStep.Conclusion => "wallet.step.conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    });

    /// <summary>
    /// What an SD-JWT refusal means, one sentence per rule (RFC 9901 §7). The layer's own explanation is English
    /// detail for developers; the report says the rule in the reader's language.
    /// </summary>
    public static MessageText Refusal(SdJwtError error) => MessageText.Of(error switch
    {
        SdJwtError.NotAnSdJwt => "wallet.sdJwt.notAnSdJwt",
        SdJwtError.NotTerminated => "wallet.sdJwt.notTerminated",
        SdJwtError.LimitExceeded => "wallet.sdJwt.limitExceeded",
        SdJwtError.IssuerJwtMalformed => "wallet.sdJwt.issuerJwtMalformed",
        SdJwtError.AlgorithmNotAllowed => "wallet.sdJwt.algorithmNotAllowed",
        SdJwtError.TypeNotAccepted => "wallet.sdJwt.typeNotAccepted",
        SdJwtError.IssuerKeyRefused => "wallet.sdJwt.issuerKeyRefused",
        SdJwtError.IssuerKeyUnsuitable => "wallet.sdJwt.issuerKeyUnsuitable",
        SdJwtError.IssuerSignatureInvalid => "wallet.sdJwt.issuerSignatureInvalid",
        SdJwtError.UnsupportedHashAlgorithm => "wallet.sdJwt.unsupportedHashAlgorithm",
        SdJwtError.DisclosureMalformed => "wallet.sdJwt.disclosureMalformed",
        SdJwtError.SaltReused => "wallet.sdJwt.saltReused",
        SdJwtError.DigestsNotArrayOfStrings => "wallet.sdJwt.digestsNotArrayOfStrings",
        SdJwtError.DigestMalformed => "wallet.sdJwt.digestMalformed",
        SdJwtError.ArrayElementDigestMalformed => "wallet.sdJwt.arrayElementDigestMalformed",
        SdJwtError.ReservedNameMisused => "wallet.sdJwt.reservedNameMisused",
        SdJwtError.DigestReferencedTwice => "wallet.sdJwt.digestReferencedTwice",
        SdJwtError.DisclosureNotReferenced => "wallet.sdJwt.disclosureNotReferenced",
        SdJwtError.DisclosureKindMismatch => "wallet.sdJwt.disclosureKindMismatch",
        SdJwtError.DisclosedNameReserved => "wallet.sdJwt.disclosedNameReserved",
        SdJwtError.ClaimAlreadyPresent => "wallet.sdJwt.claimAlreadyPresent",
        SdJwtError.ValidityClaimMalformed => "wallet.sdJwt.validityClaimMalformed",
        SdJwtError.Expired => "wallet.sdJwt.expired",
        SdJwtError.NotYetValid => "wallet.sdJwt.notYetValid",
        SdJwtError.KeyBindingMissing => "wallet.sdJwt.keyBindingMissing",
        SdJwtError.KeyBindingUnexpected => "wallet.sdJwt.keyBindingUnexpected",
        SdJwtError.KeyBindingMalformed => "wallet.sdJwt.keyBindingMalformed",
        SdJwtError.HolderKeyInvalid => "wallet.sdJwt.holderKeyInvalid",
        SdJwtError.KeyBindingAlgorithmNotAllowed => "wallet.sdJwt.keyBindingAlgorithmNotAllowed",
        SdJwtError.KeyBindingSignatureInvalid => "wallet.sdJwt.keyBindingSignatureInvalid",
        SdJwtError.KeyBindingTypeInvalid => "wallet.sdJwt.keyBindingTypeInvalid",
        SdJwtError.KeyBindingNotFresh => "wallet.sdJwt.keyBindingNotFresh",
        SdJwtError.KeyBindingAudienceMismatch => "wallet.sdJwt.keyBindingAudienceMismatch",
        SdJwtError.KeyBindingNonceMismatch => "wallet.sdJwt.keyBindingNonceMismatch",
        SdJwtError.SdHashMismatch => "wallet.sdJwt.sdHashMismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    });

    internal static MessageText Decoded(string? vct, string? type) =>
        vct is null ? MessageText.Of("wallet.decode.passedUntyped") : MessageText.Of("wallet.decode.passed", ("vct", vct), ("type", type ?? "-"));

    internal static MessageText TypeNotAccepted(bool legacyAllowed) => MessageText.Of(legacyAllowed ? "wallet.decode.typeNotAcceptedLegacy" : "wallet.decode.typeNotAccepted");

    internal static MessageText CredentialTypeUnknown() => MessageText.Of("wallet.decode.typeUnknown");

    internal static MessageText CredentialTypeMissing() => MessageText.Of("wallet.decode.typeMissing");

    internal static MessageText AuthenticSourceInvalid() => MessageText.Of("wallet.decode.authenticSourceInvalid");

    internal static MessageText IssuedAtInvalid() => MessageText.Of("wallet.decode.issuedAtInvalid");

    /// <summary>The chain's problem is a short technical clause of ours (which member, which entry), untranslated.</summary>
    internal static MessageText ChainMissing(string problem) => MessageText.Of("wallet.trust.chainMissing", ("problem", problem));

    internal static MessageText KeyUnknown(string thumbprint) => MessageText.Of("verify.key.notResolved", ("thumbprint", thumbprint));

    internal static MessageText KeyNotLinked(string thumbprint, InstitutionId institution, IEnumerable<InstitutionId> linked) =>
        MessageText.Of("verify.key.notLinked", ("source", institution.ToString()), ("thumbprint", thumbprint), ("linked", string.Join(", ", linked)));

    internal static MessageText KeyAmbiguous(string thumbprint, InstitutionId institution) =>
        MessageText.Of("verify.key.ambiguous", ("source", institution.ToString()), ("thumbprint", thumbprint));

    internal static MessageText NotValidAtIssuance(string validity, DateTimeOffset issuedAt) =>
        MessageText.Of("wallet.trust.notValidAtIssuance", ("validity", validity), ("issued", Minute(issuedAt)));

    internal static MessageText KeyUnusable() => MessageText.Of("wallet.trust.keyUnusable");

    internal static MessageText Signed(string algorithm, InstitutionId institution, string name) =>
        MessageText.Of("wallet.trust.passed", ("algorithm", algorithm), ("source", institution.ToString()), ("issuer", name));

    internal static MessageText TrustDataExpired(DateTimeOffset due) => MessageText.Of("verify.trust.expired", ("due", Minute(due)));

    internal static MessageText TrustDataTooOld(TimeSpan age, TimeSpan limit) => MessageText.Of("verify.trust.tooOld", ("age", Duration(age)), ("limit", Duration(limit)));

    internal static MessageText TrustDataAgeUnknown() => MessageText.Of("verify.trust.ageUnknown");

    internal static MessageText TrustDataStale(TimeSpan age) => MessageText.Of("verify.trust.stale", ("age", Duration(age)));

    internal static MessageText DisclosuresPassed(int used) => MessageText.Of("wallet.disclosures.passed", ("count", used));

    internal static MessageText TechnicalValidity(DateTimeOffset? notBefore, DateTimeOffset? expiresAt) => notBefore is { } nbf
        ? MessageText.Of("wallet.validity.passedFrom", ("from", Minute(nbf)), ("until", expiresAt is { } exp ? Minute(exp) : "-"))
        : MessageText.Of("wallet.validity.passed", ("until", expiresAt is { } end ? Minute(end) : "-"));

    internal static MessageText KeyBindingVerified() => MessageText.Of("wallet.keyBinding.verified");

    internal static MessageText KeyBindingNotRequired() => MessageText.Of("wallet.keyBinding.notRequired");

    internal static MessageText ClaimsPassed(string type, InstitutionId institution, string document, DateOnly issuedOn, MessageText? note) =>
        MessageText.Of("wallet.claims.passed", ("type", type), ("institution", institution.ToString()), ("document", document), ("issued", issuedOn), ("note", Note(note)));

    internal static MessageText NotAccredited(InstitutionId institution, string document, DateOnly issuedOn, string? periods, MessageText? note) => periods is null
        ? MessageText.Of("verify.business.notAccreditedNone", ("issuer", institution.ToString()), ("document", document), ("issued", issuedOn), ("note", Note(note)))
        : MessageText.Of("verify.business.notAccredited", ("issuer", institution.ToString()), ("document", document), ("issued", issuedOn), ("periods", periods), ("note", Note(note)));

    internal static MessageText CoverageOutsideAccreditation(string coverage, string document, InstitutionId institution, MessageText? note) =>
        MessageText.Of("verify.business.outsideAccreditation", ("period", coverage), ("document", document), ("issuer", institution.ToString()), ("note", Note(note)));

    internal static MessageText DocumentValid(DateOnly issuedOn, DateOnly expiry, DateOnly treatment) =>
        MessageText.Of("wallet.document.valid", ("issued", issuedOn), ("expiry", expiry), ("date", treatment));

    internal static MessageText DocumentNotYetIssued(DateOnly issuedOn, DateOnly today) => MessageText.Of("wallet.document.notYetIssued", ("issued", issuedOn), ("today", today));

    internal static MessageText DocumentExpired(DateOnly expiry, DateOnly treatment) => MessageText.Of("wallet.document.expired", ("expiry", expiry), ("date", treatment));

    internal static MessageText TreatmentBefore1900(DateOnly date) => MessageText.Of("verify.treatmentDate.before1900", ("date", date));

    internal static MessageText TreatmentInFuture(DateOnly date, DateOnly today) => MessageText.Of("verify.treatmentDate.future", ("date", date), ("today", today));

    internal static MessageText TreatmentBeforeCoverage(DateOnly date, DateOnly first) => MessageText.Of("wallet.coverage.before", ("date", date), ("start", first));

    internal static MessageText TreatmentAfterCoverage(DateOnly date, DateOnly last) => MessageText.Of("wallet.coverage.after", ("date", date), ("end", last));

    internal static MessageText Covered(DateOnly date, string coverage, bool defaulted) =>
        MessageText.Of(defaulted ? "wallet.coverage.passedToday" : "wallet.coverage.passed", ("date", date), ("period", coverage));

    internal static MessageText CoverageNotStated() => MessageText.Of("wallet.coverage.notStated");

    internal static MessageText ShortLivedWithoutStatus() => MessageText.Of("wallet.status.shortLived");

    internal static MessageText StatusReferenceMissing() => MessageText.Of("wallet.status.missing");

    internal static MessageText Rejected(WalletVerificationStep step, MessageText reason) =>
        MessageText.Of("verify.conclusion.rejected", ("step", (int)step), ("title", TitleText(step)), ("reason", reason));

    internal static MessageText Approved() => MessageText.Of("verify.conclusion.approved");

    private static MessageText Note(MessageText? note) => note is null ? MessageText.Empty : MessageText.Of("verify.business.note", ("note", note));

    private static MessageText Duration(TimeSpan age) => age.TotalHours < 48
        ? MessageText.Of("duration.hours", ("count", (long)Math.Floor(age.TotalHours)))
        : MessageText.Of("duration.days", ("count", (long)Math.Floor(age.TotalDays)));

    private static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
