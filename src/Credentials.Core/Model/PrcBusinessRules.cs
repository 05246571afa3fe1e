namespace Credentials.Model;

/// <summary>
/// The cross-field rules of EC ePRC spec §2 ("Business rules"). The issuer refuses to sign when one of the
/// blocking rules fails; the verifier checks them again in step 5. Dates are local dates, compared as dates.
/// </summary>
public static class PrcBusinessRules
{
    /// <summary>Spec §2: <c>len(ii) + len(in) &lt;= 25</c> is a warning (field 7 is printed as "ii - in").</summary>
    public const int MaxInstitutionTextLength = 25;

    public static IReadOnlyList<Finding> Evaluate(ProvisionalReplacementCertificate prc)
    {
        ArgumentNullException.ThrowIfNull(prc);
        var findings = new List<Finding>();
        AddDateRules(findings, prc.DateOfBirth, prc.EntitlementStart, prc.EntitlementEnd, prc.IssuedOn, prc.CardExpiry);

        // Warning rules.
        var institutionText = prc.Institution.LocalId.Length + prc.InstitutionName.Length;
        if (institutionText > MaxInstitutionTextLength)
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionTextTooLong, $"the institution id and name together are {institutionText} characters, more than {MaxInstitutionTextLength}.", "/prc/in"));
        }

        if (prc.CardNumber is { } card && card.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            findings.Add(Finding.Warning(FindingCode.CardNumberNotDigits, "the card number (ci) holds characters other than digits.", "/prc/ci"));
        }

        if (prc.Institution.LocalId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionIdNotDigits, "the institution id (ii) holds characters other than digits.", "/prc/ii"));
        }

        return findings;
    }

    /// <summary>
    /// The blocking date rules over whichever dates are known: a request with other errors still hears about
    /// every date rule its valid dates break, so it can be fixed in one go.
    /// </summary>
    public static void AddDateRules(List<Finding> findings, PartialDate? dateOfBirth, DateOnly? start, DateOnly? end, DateOnly? issued, DateOnly? expiry)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (dateOfBirth is { } dob && start is { } sd0 && dob.ComparableDate > sd0)
        {
            findings.Add(Finding.Error(FindingCode.DateOfBirthAfterStart, "the date of birth (dob) is after the start of the entitlement (sd).", "/prc/dob"));
        }

        if (start is { } sd1 && end is { } ed1 && sd1 > ed1)
        {
            findings.Add(Finding.Error(FindingCode.StartAfterEnd, $"the entitlement starts (sd {sd1:O}) after it ends (ed {ed1:O}).", "/prc/sd"));
        }

        if (start is { } sd2 && issued is { } di2 && sd2 > di2)
        {
            findings.Add(Finding.Error(FindingCode.StartAfterIssue, $"the entitlement starts (sd {sd2:O}) after the date of issuance (di {di2:O}).", "/prc/sd"));
        }

        if (issued is { } di3 && end is { } ed3 && di3 > ed3)
        {
            findings.Add(Finding.Error(FindingCode.IssueAfterEnd, $"the document was issued (di {di3:O}) after the entitlement ended (ed {ed3:O}).", "/prc/di"));
        }

        if (expiry is { } xd && end is { } ed4 && xd < ed4)
        {
            findings.Add(Finding.Error(FindingCode.CardExpiresBeforeEnd, $"the card expires (xd {xd:O}) before the entitlement ends (ed {ed4:O}).", "/prc/xd"));
        }
    }
}
