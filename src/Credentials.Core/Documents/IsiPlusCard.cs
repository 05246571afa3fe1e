using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// Belgium's ISI+ card (social identification for children under 12 and insured people without a Belgian eID), as
/// our profile (specs/isi-token.md; no public technical format exists): the holder named by a valid Belgian national
/// or BIS number whose date of birth agrees with the holder's, the health insurance fund, and the validity.
/// </summary>
public sealed record IsiPlusCard : HealthInsuranceDocument
{
    /// <summary>The EESSI repository records no ISI+ accreditation; the EHIC accreditation stands in (specs/isi-token.md).</summary>
    private static readonly RequiredAccreditation AccreditationUsed = new("EHIC", DocumentMessages.IsiUsesEhicAccreditation());

    /// <summary>A card for a Belgian institution whose national number is valid and agrees with the holder's date of birth (an <see cref="ArgumentException"/> says which rule failed, never the number). The validity rules (issued before it ends, at most ten years) are <see cref="HealthInsuranceDocument.CheckRules"/>.</summary>
    public IsiPlusCard(DocumentHolder holder, CompetentInstitution institution, BelgianNationalNumber nationalNumber, DateOnly issuedOn, DateOnly validUntil)
        : base(holder, institution, issuedOn)
    {
        if (IssuingStateProblem(institution.Country) is { } country)
        {
            throw new ArgumentException(country.ToString(), nameof(institution));
        }

        if (nationalNumber.Digits is null)
        {
            throw new ArgumentException("the national number is missing.", nameof(nationalNumber));
        }

        if (NationalNumberProblem(nationalNumber, holder.DateOfBirth) is { } number)
        {
            throw new ArgumentException(number.ToString(), nameof(nationalNumber));
        }

        NationalNumber = nationalNumber;
        ValidUntil = validUntil;
    }

    /// <summary>The holder's national register number (INSZ/NISS) or BIS number.</summary>
    public BelgianNationalNumber NationalNumber { get; }

    /// <summary>The last day the card is valid.</summary>
    public DateOnly ValidUntil { get; }

    /// <inheritdoc/>
    public override string Name => "ISI+";

    /// <summary>The card's validity: from its date of issue to its last day.</summary>
    public override DateSpan Coverage => new(IssuedOn, ValidUntil);

    /// <inheritdoc/>
    public override RequiredAccreditation Accreditation => AccreditationUsed;

    /// <summary>An ISI+ card is Belgian; null when the state is Belgium.</summary>
    public static Labels.MessageText? IssuingStateProblem(IssuingCountry country) => country.Code == "BE" ? null : DocumentMessages.IsiNotBelgian();

    /// <summary>Whether the number's encoded date of birth agrees with the holder's (a part the number leaves unknown matches anything); null when it does.</summary>
    public static Labels.MessageText? NationalNumberProblem(BelgianNationalNumber number, PartialDate dateOfBirth)
    {
        // What the number knows, the date of birth must say too; a 00 in the number (an unknown BIS birth day or
        // month) leaves that part open.
        var agrees = dateOfBirth.Year == number.BirthYear
            && (number.BirthMonth == 0 || dateOfBirth.Month == number.BirthMonth)
            && (number.BirthDay == 0 || dateOfBirth.Day == number.BirthDay);
        return agrees ? null : DocumentMessages.IsiDateOfBirthDisagrees();
    }

    /// <inheritdoc/>
    public override T Match<T>(Func<ProvisionalReplacementCertificate, T> prc, Func<EuropeanHealthInsuranceCard, T> ehic, Func<IsiPlusCard, T> isiPlus) =>
        (isiPlus ?? throw new ArgumentNullException(nameof(isiPlus)))(this);

    private protected override void AddRules(List<Finding> findings) =>
        findings.AddRange(CheckDates(Holder.DateOfBirth, IssuedOn, ValidUntil));

    /// <summary>
    /// Born before the card is issued, issued before its validity ends, and never valid past the ISI+ rule's
    /// longest (31 December of the tenth year after issue); over whichever dates are known.
    /// </summary>
    public static IReadOnlyList<Finding> CheckDates(PartialDate? dateOfBirth, DateOnly? issuedOn, DateOnly? validUntil)
    {
        var findings = new List<Finding>();
        AddBornBefore(findings, dateOfBirth, issuedOn, DocumentMessages.BornAfterCardIssue());
        if (issuedOn is { } di && validUntil is { } xd)
        {
            if (di > xd)
            {
                findings.Add(Error(FindingCode.IssueAfterEnd, DocumentMessages.CardIssuedAfterValidity(di, xd), DocumentField.IssuedOn));
            }

            if (xd > IsiPlusValidity.Longest(di))
            {
                findings.Add(Error(FindingCode.ValidityTooLong, DocumentMessages.IsiValidityTooLong(di, IsiPlusValidity.Longest(di)), DocumentField.Expiry));
            }
        }

        return findings;
    }
}
