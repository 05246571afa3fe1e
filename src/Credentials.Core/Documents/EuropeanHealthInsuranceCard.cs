using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// The European Health Insurance Card itself (Decision S2, fields 2–9), in our provisional profile until the EC
/// publishes one (specs/ehic-token.md): the holder, the institution, the personal identification number, the card
/// number, and its validity from its date of issue to its expiry date.
/// </summary>
public sealed record EuropeanHealthInsuranceCard : HealthInsuranceDocument
{
    /// <summary>A card whose fields each follow their rule (an <see cref="ArgumentException"/> names the field otherwise). The date rules across fields (born before issue, issued before expiry) are <see cref="HealthInsuranceDocument.CheckRules"/>, so a signed card that breaks one can still be read and reported at step 5.</summary>
    public EuropeanHealthInsuranceCard(
        DocumentHolder holder,
        CompetentInstitution institution,
        string personalIdentificationNumber,
        string cardNumber,
        DateOnly issuedOn,
        DateOnly expiry)
        : base(holder, institution, issuedOn)
    {
        PersonalIdentificationNumber = DocumentText.PersonalIdentificationNumber.Require(personalIdentificationNumber, nameof(personalIdentificationNumber));
        CardNumber = DocumentText.CardNumber.Require(cardNumber, nameof(cardNumber));
        Expiry = expiry;
    }

    /// <summary>S2 field 6.</summary>
    public string PersonalIdentificationNumber { get; }

    /// <summary>S2 field 8: a card always has its number.</summary>
    public string CardNumber { get; }

    /// <summary>S2 field 9: the last day the card is valid.</summary>
    public DateOnly Expiry { get; }

    /// <inheritdoc/>
    public override string Name => "eEHIC";

    /// <summary>The card's validity: from its date of issue to its expiry.</summary>
    public override DateSpan Coverage => new(IssuedOn, Expiry);

    /// <inheritdoc/>
    public override RequiredAccreditation Accreditation => RequiredAccreditation.Ehic;

    /// <inheritdoc/>
    public override T Match<T>(Func<ProvisionalReplacementCertificate, T> prc, Func<EuropeanHealthInsuranceCard, T> ehic, Func<IsiPlusCard, T> isiPlus) =>
        (ehic ?? throw new ArgumentNullException(nameof(ehic)))(this);

    private protected override void AddRules(List<Finding> findings)
    {
        findings.AddRange(CheckDates(Holder.DateOfBirth, IssuedOn, Expiry));
        AddCardNumberWarning(findings, CardNumber);
    }

    /// <summary>The PRC's date rules over a card's validity (specs/ehic-token.md): born before the card is issued, issued before it expires; over whichever dates are known.</summary>
    public static IReadOnlyList<Finding> CheckDates(PartialDate? dateOfBirth, DateOnly? issuedOn, DateOnly? expiry)
    {
        var findings = new List<Finding>();
        AddBornBefore(findings, dateOfBirth, issuedOn, DocumentMessages.BornAfterCardIssue());
        if (issuedOn is { } di && expiry is { } xd && di > xd)
        {
            findings.Add(Error(FindingCode.IssueAfterEnd, DocumentMessages.CardIssuedAfterExpiry(di, xd), DocumentField.IssuedOn));
        }

        return findings;
    }
}
