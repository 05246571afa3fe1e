using Credentials.Documents;
using Credentials.Model;

namespace Credentials.WireFormat.QrPayload;

/// <summary>Our ISI+ profile (specs/isi-token.md): member <c>isi</c>, schema <c>credentials:isi:0.1</c>, the national number as <c>nn</c>.</summary>
internal sealed class IsiProfile : DocumentProfile
{
    public static IsiProfile Instance { get; } = new();

    public override string SchemaId => QrTokenPayload.IsiPlusSchemaId;

    public override string Member => "isi";

    public override string MemberName(DocumentField field) => field switch
    {
        DocumentField.IssuingCountry => "ic",
        DocumentField.FamilyName => "fn",
        DocumentField.GivenNames => "gn",
        DocumentField.DateOfBirth => "dob",
        DocumentField.NationalNumber => "nn",
        DocumentField.InstitutionName => "in",
        DocumentField.InstitutionId => "ii",
        DocumentField.Expiry => "xd",
        DocumentField.IssuedOn => "di",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "an ISI+ card has no such field."),
    };

    public IsiPlusCard? Read(IsiMembers members, MemberReader reader, DateOnly? defaultIssueDate)
    {
        reader.CheckMembers(members, Path);
        var before = reader.BlockingCount;
        var country = reader.Country(members.IssuingCountry, P(DocumentField.IssuingCountry));
        var familyName = reader.Text(members.FamilyName, P(DocumentField.FamilyName), DocumentText.FamilyName);
        var givenNames = reader.Text(members.GivenNames, P(DocumentField.GivenNames), DocumentText.GivenNames);
        var dateOfBirth = reader.DateOfBirth(members.DateOfBirth, P(DocumentField.DateOfBirth));
        var number = ReadNationalNumber(members.NationalNumber, reader);
        var institutionName = reader.Text(members.InstitutionName, P(DocumentField.InstitutionName), DocumentText.InstitutionName);
        var localId = reader.LocalId(members.InstitutionId, P(DocumentField.InstitutionId));
        var issued = reader.IssuedOn(members.IssuedOn, P(DocumentField.IssuedOn), defaultIssueDate);

        // A request may leave the validity to the ISI+ rule; a token always states it.
        var validUntil = reader.Mode == PayloadReadMode.Request && !members.ValidUntil.IsPresent
            ? issued is { } on && dateOfBirth is { } born ? IsiPlusValidity.Until(on, born) : null
            : reader.Date(members.ValidUntil, P(DocumentField.Expiry));

        if (country is { } state && IsiPlusCard.IssuingStateProblem(state) is { } notBelgian)
        {
            reader.Findings.Add(Finding.Error(FindingCode.SchemaViolation, notBelgian, P(DocumentField.IssuingCountry)));
        }

        if (number is { } nn && dateOfBirth is { } dob && IsiPlusCard.NationalNumberProblem(nn, dob) is { } disagreement)
        {
            reader.Findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, disagreement, P(DocumentField.DateOfBirth)));
        }

        if (reader.BlockingCount > before || country is null || familyName is null || givenNames is null || dateOfBirth is null
            || number is null || institutionName is null || localId is null || issued is null || validUntil is null)
        {
            if (reader.Mode == PayloadReadMode.Request)
            {
                reader.Findings.AddRange(Locate(IsiPlusCard.CheckDates(dateOfBirth, issued, validUntil)));
            }

            return null;
        }

        return Construct(
            () => new IsiPlusCard(
                new DocumentHolder(familyName, givenNames, dateOfBirth.Value),
                new CompetentInstitution(InstitutionId.Create(country.Value, localId), institutionName),
                number.Value,
                issued.Value,
                validUntil.Value),
            reader,
            Path);
    }

    private BelgianNationalNumber? ReadNationalNumber(JsonLeaf leaf, MemberReader reader)
    {
        var path = P(DocumentField.NationalNumber);
        if (!reader.Required(leaf, path) || reader.String(leaf, path) is not { } text)
        {
            return null;
        }

        if (!BelgianNationalNumber.TryParse(text, out var number, out var problem))
        {
            reader.Findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, problem, path));
            return null;
        }

        if (text != number.Digits)
        {
            reader.Findings.Add(Finding.Error(FindingCode.NationalNumberInvalid, PayloadMessages.NationalNumberDigits(), path));
            return null;
        }

        return number;
    }

    public static IsiMembers Write(IsiPlusCard card) => new()
    {
        IssuingCountry = JsonLeaf.Of(card.IssuingCountry.Code),
        FamilyName = JsonLeaf.Of(card.Holder.FamilyName),
        GivenNames = JsonLeaf.Of(card.Holder.GivenNames),
        DateOfBirth = JsonLeaf.Of(card.Holder.DateOfBirth.ToString()),
        NationalNumber = JsonLeaf.Of(card.NationalNumber.Digits),
        InstitutionName = JsonLeaf.Of(card.Institution.Name),
        InstitutionId = JsonLeaf.Of(card.Institution.Id.LocalId),
        ValidUntil = JsonLeaf.Of(FullDate.Format(card.ValidUntil)),
        IssuedOn = JsonLeaf.Of(FullDate.Format(card.IssuedOn)),
    };
}
