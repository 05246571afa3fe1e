using Credentials.Documents;
using Credentials.Model;

namespace Credentials.WireFormat.QrPayload;

/// <summary>Our provisional eEHIC profile (specs/ehic-token.md): member <c>ehic</c>, schema <c>credentials:ehic:0.1</c>, valid di..xd.</summary>
internal sealed class EhicProfile : DocumentProfile
{
    public static EhicProfile Instance { get; } = new();

    public override string SchemaId => QrTokenPayload.EhicSchemaId;

    public override string Member => "ehic";

    public override string MemberName(DocumentField field) => field switch
    {
        DocumentField.IssuingCountry => "ic",
        DocumentField.FamilyName => "fn",
        DocumentField.GivenNames => "gn",
        DocumentField.DateOfBirth => "dob",
        DocumentField.PersonalIdentificationNumber => "hi",
        DocumentField.InstitutionName => "in",
        DocumentField.InstitutionId => "ii",
        DocumentField.CardNumber => "ci",
        DocumentField.Expiry => "xd",
        DocumentField.IssuedOn => "di",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "an eEHIC has no such field."),
    };

    public EuropeanHealthInsuranceCard? Read(EhicMembers members, MemberReader reader, DateOnly? defaultIssueDate)
    {
        reader.CheckMembers(members, Path);
        var before = reader.BlockingCount;
        var country = reader.Country(members.IssuingCountry, P(DocumentField.IssuingCountry));
        var familyName = reader.Text(members.FamilyName, P(DocumentField.FamilyName), DocumentText.FamilyName);
        var givenNames = reader.Text(members.GivenNames, P(DocumentField.GivenNames), DocumentText.GivenNames);
        var dateOfBirth = reader.DateOfBirth(members.DateOfBirth, P(DocumentField.DateOfBirth));
        var personalNumber = reader.Text(members.PersonalNumber, P(DocumentField.PersonalIdentificationNumber), DocumentText.PersonalIdentificationNumber);
        var institutionName = reader.Text(members.InstitutionName, P(DocumentField.InstitutionName), DocumentText.InstitutionName);
        var localId = reader.LocalId(members.InstitutionId, P(DocumentField.InstitutionId));
        var cardNumber = reader.Text(members.CardNumber, P(DocumentField.CardNumber), DocumentText.CardNumber);
        var expiry = reader.Date(members.Expiry, P(DocumentField.Expiry));
        var issued = reader.IssuedOn(members.IssuedOn, P(DocumentField.IssuedOn), defaultIssueDate);

        if (reader.BlockingCount > before || country is null || familyName is null || givenNames is null || dateOfBirth is null
            || personalNumber is null || institutionName is null || localId is null || cardNumber is null || expiry is null || issued is null)
        {
            if (reader.Mode == PayloadReadMode.Request)
            {
                reader.Findings.AddRange(Locate(EuropeanHealthInsuranceCard.CheckDates(dateOfBirth, issued, expiry)));
            }

            return null;
        }

        return Construct(
            () => new EuropeanHealthInsuranceCard(
                new DocumentHolder(familyName, givenNames, dateOfBirth.Value),
                new CompetentInstitution(InstitutionId.Create(country.Value, localId), institutionName),
                personalNumber,
                cardNumber,
                issued.Value,
                expiry.Value),
            reader,
            Path);
    }

    public static EhicMembers Write(EuropeanHealthInsuranceCard card) => new()
    {
        IssuingCountry = JsonLeaf.Of(card.IssuingCountry.Code),
        FamilyName = JsonLeaf.Of(card.Holder.FamilyName),
        GivenNames = JsonLeaf.Of(card.Holder.GivenNames),
        DateOfBirth = JsonLeaf.Of(card.Holder.DateOfBirth.ToString()),
        PersonalNumber = JsonLeaf.Of(card.PersonalIdentificationNumber),
        InstitutionName = JsonLeaf.Of(card.Institution.Name),
        InstitutionId = JsonLeaf.Of(card.Institution.Id.LocalId),
        CardNumber = JsonLeaf.Of(card.CardNumber),
        Expiry = JsonLeaf.Of(FullDate.Format(card.Expiry)),
        IssuedOn = JsonLeaf.Of(FullDate.Format(card.IssuedOn)),
    };
}
