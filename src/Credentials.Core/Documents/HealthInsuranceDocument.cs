using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// A health-insurance document: a closed set of cases — <see cref="ProvisionalReplacementCertificate"/>,
/// <see cref="EuropeanHealthInsuranceCard"/> and <see cref="IsiPlusCard"/> — that every codec (the QR token, wallet
/// formats), the issuer, the verifier and the printer share. Handle all cases with <see cref="Match{T}"/>, which the
/// compiler holds to every case.
/// </summary>
/// <remarks>
/// Each case validates its fields in its constructor (lengths, blanks, control characters, formats, a Belgian
/// national number), so an instance never holds a field that breaks its rule. The cross-field rules of Decision
/// S2 (EC ePRC spec §2 "Business rules", e.g. the date of birth before the entitlement) are <see cref="CheckRules"/>:
/// the issuer refuses to sign a document that breaks one, and the verifier reports it at step 5, after the
/// signature, as the specification orders the steps — so a signed token that breaks one can still be represented
/// and reported.
/// </remarks>
public abstract record HealthInsuranceDocument
{
    private protected HealthInsuranceDocument(DocumentHolder holder, CompetentInstitution institution, DateOnly issuedOn)
    {
        Holder = holder ?? throw new ArgumentNullException(nameof(holder));
        Institution = institution ?? throw new ArgumentNullException(nameof(institution));
        IssuedOn = issuedOn;
    }

    /// <summary>The holder (S2 fields 3–5).</summary>
    public DocumentHolder Holder { get; }

    /// <summary>The competent institution (S2 field 7): the authentic source.</summary>
    public CompetentInstitution Institution { get; }

    /// <summary>The date of issuance, which is the date of signing (PRC box (c); a card's date of issue).</summary>
    public DateOnly IssuedOn { get; }

    /// <summary>The issuing state (S2 field 2).</summary>
    public IssuingCountry IssuingCountry => Institution.Country;

    /// <summary>The document's short name for people: "ePRC", "eEHIC", "ISI+".</summary>
    public abstract string Name { get; }

    /// <summary>The days whose treatment the document covers (EC ePRC spec §5 step 7): a PRC's entitlement, a card's validity.</summary>
    public abstract DateSpan Coverage { get; }

    /// <summary>The accreditation the issuing institution needs on the date of issuance, covering <see cref="Coverage"/> (step 5).</summary>
    public abstract RequiredAccreditation Accreditation { get; }

    /// <summary>Calls the function for this document's case.</summary>
    public abstract T Match<T>(Func<ProvisionalReplacementCertificate, T> prc, Func<EuropeanHealthInsuranceCard, T> ehic, Func<IsiPlusCard, T> isiPlus);

    /// <summary>
    /// The cross-field rules of Decision S2 (EC ePRC spec §2 "Business rules"): errors (which block issuance and
    /// verification) and warnings, each naming its <see cref="DocumentField"/>.
    /// </summary>
    public IReadOnlyList<Finding> CheckRules()
    {
        var findings = new List<Finding>();
        AddRules(findings);
        AddInstitutionWarnings(findings);
        return findings;
    }

    /// <summary>The case's own cross-field rules.</summary>
    private protected abstract void AddRules(List<Finding> findings);

    /// <summary>Spec §2: <c>len(ii) + len(in) &lt;= 25</c> is a warning (field 7 is printed as "ii - in").</summary>
    public const int MaxInstitutionTextLength = 25;

    private void AddInstitutionWarnings(List<Finding> findings)
    {
        var institutionText = Institution.Id.LocalId.Length + Institution.Name.Length;
        if (institutionText > MaxInstitutionTextLength)
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionTextTooLong, DocumentMessages.InstitutionTextTooLong(institutionText, MaxInstitutionTextLength)) with { Field = DocumentField.InstitutionName });
        }

        if (Institution.Id.LocalId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            findings.Add(Finding.Warning(FindingCode.InstitutionIdNotDigits, DocumentMessages.InstitutionIdNotDigits()) with { Field = DocumentField.InstitutionId });
        }
    }

    /// <summary>Spec §2: the card number (field 8) holds digits only, as a warning.</summary>
    private protected static void AddCardNumberWarning(List<Finding> findings, string? cardNumber)
    {
        if (cardNumber is not null && cardNumber.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            findings.Add(Finding.Warning(FindingCode.CardNumberNotDigits, DocumentMessages.CardNumberNotDigits()) with { Field = DocumentField.CardNumber });
        }
    }

    /// <summary>Spec §2: the holder is born on or before the first day covered (a <c>00</c> day or month counts as <c>01</c>).</summary>
    private protected static void AddBornBefore(List<Finding> findings, PartialDate? dateOfBirth, DateOnly? firstDay, MessageText bornAfter)
    {
        if (dateOfBirth is { } born && firstDay is { } first && born.ComparableDate > first)
        {
            findings.Add(Error(FindingCode.DateOfBirthAfterStart, bornAfter, DocumentField.DateOfBirth));
        }
    }

    private protected static Finding Error(FindingCode code, MessageText text, DocumentField field) =>
        Finding.Error(code, text) with { Field = field };
}
