using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// A Provisional Replacement Certificate of the European Health Insurance Card (Decision S2 Annex 2), the document
/// of the EC ePRC specification: the holder, the competent institution, the personal identification number, the
/// card it replaces (when there is one), the entitlement period and the date of issuance.
/// </summary>
public sealed record ProvisionalReplacementCertificate : HealthInsuranceDocument
{
    /// <summary>A certificate whose fields each follow their rule (an <see cref="ArgumentException"/> names the field otherwise). The date rules of spec §2 across fields are <see cref="HealthInsuranceDocument.CheckRules"/>: the issuer refuses to sign a certificate that breaks one, the verifier reports it at step 5.</summary>
    public ProvisionalReplacementCertificate(
        DocumentHolder holder,
        CompetentInstitution institution,
        string personalIdentificationNumber,
        string? cardNumber,
        DateOnly entitlementStart,
        DateOnly entitlementEnd,
        DateOnly? cardExpiry,
        DateOnly issuedOn)
        : base(holder, institution, issuedOn)
    {
        PersonalIdentificationNumber = DocumentText.PersonalIdentificationNumber.Require(personalIdentificationNumber, nameof(personalIdentificationNumber));
        CardNumber = cardNumber is null ? null : DocumentText.CardNumber.Require(cardNumber, nameof(cardNumber));
        EntitlementStart = entitlementStart;
        EntitlementEnd = entitlementEnd;
        CardExpiry = cardExpiry;
    }

    /// <summary>S2 field 6: any national format, never validated as a particular country's number.</summary>
    public string PersonalIdentificationNumber { get; }

    /// <summary>S2 field 8: absent for a PRC issued without a card.</summary>
    public string? CardNumber { get; }

    /// <summary>Box (a): start of the entitlement.</summary>
    public DateOnly EntitlementStart { get; }

    /// <summary>Box (b): end of the entitlement.</summary>
    public DateOnly EntitlementEnd { get; }

    /// <summary>S2 field 9: expiry of the card, when there is one.</summary>
    public DateOnly? CardExpiry { get; }

    /// <inheritdoc/>
    public override string Name => "ePRC";

    /// <summary>The entitlement: a PRC covers treatment from box (a) to box (b) (spec §5 step 7; the card's expiry is not used).</summary>
    public override DateSpan Coverage => new(EntitlementStart, EntitlementEnd);

    /// <inheritdoc/>
    public override RequiredAccreditation Accreditation => RequiredAccreditation.Ehic;

    /// <inheritdoc/>
    public override T Match<T>(Func<ProvisionalReplacementCertificate, T> prc, Func<EuropeanHealthInsuranceCard, T> ehic, Func<IsiPlusCard, T> isiPlus) =>
        (prc ?? throw new ArgumentNullException(nameof(prc)))(this);

    private protected override void AddRules(List<Finding> findings)
    {
        findings.AddRange(CheckDates(Holder.DateOfBirth, EntitlementStart, EntitlementEnd, IssuedOn, CardExpiry));
        AddCardNumberWarning(findings, CardNumber);
    }

    /// <summary>
    /// EC ePRC spec §2, blocking: <c>dob &lt;= sd</c>, <c>sd &lt;= ed</c>, <c>sd &lt;= di</c>, <c>di &lt;= ed</c>,
    /// <c>xd &gt;= ed</c>, over whichever dates are known: a request with other errors still hears about every date
    /// rule its valid dates break, so it can be fixed in one go.
    /// </summary>
    public static IReadOnlyList<Finding> CheckDates(PartialDate? dateOfBirth, DateOnly? entitlementStart, DateOnly? entitlementEnd, DateOnly? issuedOn, DateOnly? cardExpiry)
    {
        var findings = new List<Finding>();
        AddBornBefore(findings, dateOfBirth, entitlementStart, DocumentMessages.BornAfterEntitlementStart());
        if (entitlementStart is { } sd1 && entitlementEnd is { } ed1 && sd1 > ed1)
        {
            findings.Add(Error(FindingCode.StartAfterEnd, DocumentMessages.EntitlementStartsAfterEnd(sd1, ed1), DocumentField.EntitlementStart));
        }

        if (entitlementStart is { } sd2 && issuedOn is { } di2 && sd2 > di2)
        {
            findings.Add(Error(FindingCode.StartAfterIssue, DocumentMessages.EntitlementStartsAfterIssue(sd2, di2), DocumentField.EntitlementStart));
        }

        if (issuedOn is { } di3 && entitlementEnd is { } ed3 && di3 > ed3)
        {
            findings.Add(Error(FindingCode.IssueAfterEnd, DocumentMessages.CertificateIssuedAfterEnd(di3, ed3), DocumentField.IssuedOn));
        }

        if (cardExpiry is { } xd && entitlementEnd is { } ed4 && xd < ed4)
        {
            findings.Add(Error(FindingCode.CardExpiresBeforeEnd, DocumentMessages.CardExpiresBeforeEntitlementEnds(xd, ed4), DocumentField.Expiry));
        }

        return findings;
    }
}
