using Credentials.Documents;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// Every English sentence a wallet verification says, built here and nowhere else, so that they can become message
/// keys with templates (in four languages) when they are folded into the shared report. None names personal data:
/// institutions, dates of the document and thumbprints only.
/// </summary>
public static class WalletMessages
{
    /// <summary>A step's title.</summary>
    public static string Title(WalletVerificationStep step) => step switch
    {
        WalletVerificationStep.Decode => "Decode",
        WalletVerificationStep.SignatureAndTrust => "Signature and trust",
        WalletVerificationStep.Disclosures => "Disclosures",
        WalletVerificationStep.TechnicalValidity => "Validity (technical)",
        WalletVerificationStep.KeyBinding => "Key binding",
        WalletVerificationStep.Claims => "Claims and accreditation",
        WalletVerificationStep.DocumentValidity => "Validity (document)",
        WalletVerificationStep.Coverage => "Coverage",
        WalletVerificationStep.Status => "Status",
        WalletVerificationStep.Conclusion => "Conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>A lower-case clause as a sentence: capital first, full stop last.</summary>
    public static string Sentence(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var text = clause.TrimEnd();
        return text.Length == 0 ? text : string.Concat(text[..1].ToUpperInvariant(), text[1..], text.EndsWith('.') ? string.Empty : ".");
    }

    internal static string Decoded(string? vct, string? type) =>
        vct is null ? "An SD-JWT." : $"An SD-JWT of type {vct} ({type}).";

    internal static string TypeNotAccepted(bool legacyAllowed) =>
        legacyAllowed ? "The issuer-signed JWT's typ is neither dc+sd-jwt nor vc+sd-jwt." : "The issuer-signed JWT's typ is not dc+sd-jwt (vc+sd-jwt is accepted only when the verifier allows it).";

    internal const string PayloadNotJson = "The issuer-signed JWT's payload is not a JSON object.";

    internal const string CredentialTypeUnknown = "The credential type (vct) is not one this verifier reads.";

    internal const string CredentialTypeMissing = "The credential has no vct string.";

    internal const string AuthenticSourceInvalid = "authentic_source.id is missing or not an EESSI institution id (CC:localId, e.g. BE:0120).";

    internal const string IssuedAtInvalid = "The credential has no iat in whole seconds.";

    internal static string ChainMissing(string problem) => $"The issuer's certificate chain cannot be used: {problem}.";

    internal static string KeyUnknown(string thumbprint) => $"Public key not resolved: the trust registry has no certificate {thumbprint}.";

    internal static string KeyNotLinked(string thumbprint, object institution, IEnumerable<object> linked) =>
        $"The key is not linked to the authentic source {institution}: the registry links certificate {thumbprint} only to {string.Join(", ", linked)}.";

    internal static string KeyAmbiguous(string thumbprint, object institution) =>
        $"The trust registry lists {institution} with certificate {thumbprint} more than once; exactly one issuer and one certificate are required.";

    internal static string NotValidAtIssuance(string validity, DateTimeOffset issuedAt) =>
        $"The signing certificate (valid {validity}) was not valid when the credential was issued ({issuedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC).";

    internal static string KeyUnusable() => "The certificate's key is neither EC nor RSA.";

    internal static string Signed(string algorithm, object institution, string name) =>
        $"Signed with {algorithm} by a certificate the registry links to {institution} ({name}), valid when the credential was issued.";

    internal static string TrustDataExpired(DateTimeOffset due) =>
        $"The trust data was due to be replaced at {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC (its signed next update): fetch a new snapshot, then verify again.";

    internal static string TrustDataTooOld(TimeSpan age, TimeSpan limit) =>
        $"The trust data is {Describe(age)} old, more than the {Describe(limit)} allowed: update the registry, then verify again.";

    internal const string TrustDataAgeUnknown = "The trust data's age is unknown (a resolver list carries no date): state when it was fetched, or use a registry database or a signed snapshot.";

    internal static string TrustDataStale(TimeSpan age) => $"The trust data is {Describe(age)} old, more than 24 hours.";

    internal static string DisclosuresPassed(int used) => $"{used} Disclosure(s), each well formed and referenced once.";

    internal static string TechnicalValidity(DateTimeOffset? notBefore, DateTimeOffset? expiresAt) =>
        $"Usable now: valid {(notBefore is { } nbf ? $"from {nbf.UtcDateTime:yyyy-MM-dd HH:mm}" : "since issuance")} until {(expiresAt is { } exp ? $"{exp.UtcDateTime:yyyy-MM-dd HH:mm}" : "(no exp)")} UTC.";

    internal const string KeyBindingVerified = "The Key Binding JWT is signed by the holder key, for this audience and nonce, fresh, over exactly these Disclosures.";

    internal const string KeyBindingNotRequired = "No Key Binding JWT: the verifier's policy does not require one.";

    internal static string ClaimsPassed(string type, object institution, RequiredAccreditation accreditation, DateOnly issuedOn) =>
        $"The {type} claims follow the type's rules; {institution} was accredited for {accreditation.PortableDocument} on {issuedOn:yyyy-MM-dd}{Note(accreditation)}.";

    internal static string NotAccredited(object institution, RequiredAccreditation accreditation, DateOnly issuedOn, IReadOnlyList<AccreditationPeriod> periods) =>
        $"The issuer {institution} was not accredited for {accreditation.PortableDocument} on the date of issuance {issuedOn:yyyy-MM-dd} ({(periods.Count == 0 ? $"it has no {accreditation.PortableDocument} accreditation" : $"its {accreditation.PortableDocument} accreditation: {string.Join(", ", periods)}")}){Note(accreditation)}.";

    internal static string CoverageOutsideAccreditation(DateSpan coverage, RequiredAccreditation accreditation, object institution) =>
        $"The period the document covers, {coverage}, does not lie inside one {accreditation.PortableDocument} accreditation period of {institution}{Note(accreditation)}.";

    internal static string DocumentValid(DateOnly issuedOn, DateOnly expiry, DateOnly treatment) =>
        $"The document was issued on {issuedOn:yyyy-MM-dd} and expires on {expiry:yyyy-MM-dd}, after the treatment date {treatment:yyyy-MM-dd}.";

    internal static string DocumentNotYetIssued(DateOnly issuedOn, DateOnly today) => $"The document's date of issuance {issuedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).";

    internal static string DocumentExpired(DateOnly expiry, DateOnly treatment) => $"The document expired on {expiry:yyyy-MM-dd}, before the treatment date {treatment:yyyy-MM-dd}.";

    internal static string TreatmentBefore1900(DateOnly date) => $"The treatment date {date:yyyy-MM-dd} is before 1900-01-01.";

    internal static string TreatmentInFuture(DateOnly date, DateOnly today) => $"The treatment date {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).";

    internal static string TreatmentBeforeCoverage(DateOnly date, DateOnly first) => $"The treatment date {date:yyyy-MM-dd} is before the start of the coverage ({first:yyyy-MM-dd}).";

    internal static string TreatmentAfterCoverage(DateOnly date, DateOnly last) => $"The treatment date {date:yyyy-MM-dd} is after the end of the coverage ({last:yyyy-MM-dd}).";

    internal static string Covered(DateOnly date, DateSpan coverage, bool defaulted) =>
        $"The treatment date {date:yyyy-MM-dd}{(defaulted ? " (today, by default)" : string.Empty)} lies in the coverage {coverage}.";

    internal const string CoverageNotStated = "The credential states no coverage period (starting_date, ending_date): only the document's validity was checked.";

    internal const string ShortLivedWithoutStatus = "No status list: the credential lives 24 hours or less, the attestation rulebook's alternative to one.";

    internal const string StatusReferenceMissing = "Status not checked: the credential names no status list.";

    internal static string Rejected(WalletStepOutcome failed) => $"Rejected at step {(int)failed.Step} ({failed.Title}): {failed.Message}";

    internal const string Approved = "Approved: every blocking check passed.";

    internal static string StatusCheck(StatusCheck check) => Sentence(check.Reason);

    private static string Note(RequiredAccreditation accreditation) => accreditation.Note is null ? string.Empty : $" ({accreditation.Note})";

    private static string Describe(TimeSpan age) => age.TotalHours < 48 ? $"{Math.Floor(age.TotalHours):0} hours" : $"{Math.Floor(age.TotalDays):0} days";
}
