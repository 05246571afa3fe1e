using Credentials.Documents;
using Credentials.Model;

namespace Credentials.WireFormat.QrPayload;

/// <summary>The ePRC itself: member <c>prc</c>, schema <c>eessi:prc:1.0</c> (EC ePRC spec §2).</summary>
internal sealed class PrcProfile : DocumentProfile
{
    public static PrcProfile Instance { get; } = new();

    public override string SchemaId => QrTokenPayload.PrcSchemaId;

    public override string Member => "prc";

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
        DocumentField.EntitlementStart => "sd",
        DocumentField.EntitlementEnd => "ed",
        DocumentField.Expiry => "xd",
        DocumentField.IssuedOn => "di",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "a PRC has no such field."),
    };

    public ProvisionalReplacementCertificate? Read(PrcMembers members, MemberReader reader, DateOnly? defaultIssueDate)
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
        var cardNumber = reader.Text(members.CardNumber, P(DocumentField.CardNumber), DocumentText.CardNumber, required: false);
        var start = reader.Date(members.EntitlementStart, P(DocumentField.EntitlementStart));
        var end = reader.Date(members.EntitlementEnd, P(DocumentField.EntitlementEnd));
        var expiry = reader.Date(members.CardExpiry, P(DocumentField.Expiry), required: false);
        var issued = reader.IssuedOn(members.IssuedOn, P(DocumentField.IssuedOn), defaultIssueDate);

        if (reader.BlockingCount > before || country is null || familyName is null || givenNames is null || dateOfBirth is null
            || personalNumber is null || institutionName is null || localId is null || start is null || end is null || issued is null)
        {
            if (reader.Mode == PayloadReadMode.Request)
            {
                // The document cannot be built, but the date rules over the dates that did parse can still be told.
                reader.Findings.AddRange(Locate(ProvisionalReplacementCertificate.CheckDates(dateOfBirth, start, end, issued, expiry)));
            }

            return null;
        }

        return Construct(
            () => new ProvisionalReplacementCertificate(
                new DocumentHolder(familyName, givenNames, dateOfBirth.Value),
                new CompetentInstitution(InstitutionId.Create(country.Value, localId), institutionName),
                personalNumber,
                cardNumber,
                start.Value,
                end.Value,
                expiry,
                issued.Value),
            reader,
            Path);
    }

    public static PrcMembers Write(ProvisionalReplacementCertificate prc) => new()
    {
        IssuingCountry = JsonLeaf.Of(prc.IssuingCountry.Code),
        FamilyName = JsonLeaf.Of(prc.Holder.FamilyName),
        GivenNames = JsonLeaf.Of(prc.Holder.GivenNames),
        DateOfBirth = JsonLeaf.Of(prc.Holder.DateOfBirth.ToString()),
        PersonalNumber = JsonLeaf.Of(prc.PersonalIdentificationNumber),
        InstitutionName = JsonLeaf.Of(prc.Institution.Name),
        InstitutionId = JsonLeaf.Of(prc.Institution.Id.LocalId),
        CardNumber = JsonLeaf.OfOptional(prc.CardNumber),
        EntitlementStart = JsonLeaf.Of(FullDate.Format(prc.EntitlementStart)),
        EntitlementEnd = JsonLeaf.Of(FullDate.Format(prc.EntitlementEnd)),
        CardExpiry = prc.CardExpiry is { } expiry ? JsonLeaf.Of(FullDate.Format(expiry)) : default,
        IssuedOn = JsonLeaf.Of(FullDate.Format(prc.IssuedOn)),
    };
}
