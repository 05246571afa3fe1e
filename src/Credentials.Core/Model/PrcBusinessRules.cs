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
        var findings = new List<Finding>();

        // Blocking rules.
        if (prc.DateOfBirth.ComparableDate > prc.EntitlementStart)
        {
            findings.Add(Finding.Error(FindingCode.DateOfBirthAfterStart, "the date of birth (dob) is after the start of the entitlement (sd).", "/prc/dob"));
        }

        if (prc.EntitlementStart > prc.EntitlementEnd)
        {
            findings.Add(Finding.Error(FindingCode.StartAfterEnd, $"the entitlement starts (sd {prc.EntitlementStart:yyyy-MM-dd}) after it ends (ed {prc.EntitlementEnd:yyyy-MM-dd}).", "/prc/sd"));
        }

        if (prc.EntitlementStart > prc.IssuedOn)
        {
            findings.Add(Finding.Error(FindingCode.StartAfterIssue, $"the entitlement starts (sd {prc.EntitlementStart:yyyy-MM-dd}) after the date of issuance (di {prc.IssuedOn:yyyy-MM-dd}).", "/prc/sd"));
        }

        if (prc.IssuedOn > prc.EntitlementEnd)
        {
            findings.Add(Finding.Error(FindingCode.IssueAfterEnd, $"the document was issued (di {prc.IssuedOn:yyyy-MM-dd}) after the entitlement ended (ed {prc.EntitlementEnd:yyyy-MM-dd}).", "/prc/di"));
        }

        if (prc.CardExpiry is { } expiry && expiry < prc.EntitlementEnd)
        {
            findings.Add(Finding.Error(FindingCode.CardExpiresBeforeEnd, $"the card expires (xd {expiry:yyyy-MM-dd}) before the entitlement ends (ed {prc.EntitlementEnd:yyyy-MM-dd}).", "/prc/xd"));
        }

        // Warning rules.
        var institutionText = prc.Institution.LocalId.Length + prc.InstitutionName.Length;
        if (institutionText > MaxInstitutionTextLength)
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionTextTooLong, $"the institution id and name together are {institutionText} characters, more than {MaxInstitutionTextLength}.", "/prc/in"));
        }

        if (prc.CardNumber is { } card && !card.All(char.IsAsciiDigit))
        {
            findings.Add(Finding.Warning(FindingCode.CardNumberNotDigits, "the card number (ci) holds characters other than digits.", "/prc/ci"));
        }

        if (!prc.Institution.LocalId.All(char.IsAsciiDigit))
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionIdNotDigits, "the institution id (ii) holds characters other than digits.", "/prc/ii"));
        }

        return findings;
    }
}
