using Credentials.Model;

namespace Credentials.Documents;

/// <summary>
/// The institution a document is issued by (S2 field 7): its EESSI identifier, which is the document's authentic
/// source (<c>ic + ":" + ii</c>, EC ePRC spec §2), and its acronym or name as printed. The signer may be another body.
/// </summary>
public sealed record CompetentInstitution
{
    /// <summary>The institution as field 7 names it: an EESSI id with its local id (a default <see cref="InstitutionId"/> is refused) and a printable name of at most 21 characters (<see cref="DocumentText.InstitutionName"/>).</summary>
    public CompetentInstitution(InstitutionId id, string name)
    {
        Id = id.LocalId is null ? throw new ArgumentException("the institution id is missing.", nameof(id)) : id;
        Name = DocumentText.InstitutionName.Require(name, nameof(name));
    }

    /// <summary>The EESSI OfficialID, e.g. <c>BE:0120</c>: the authentic source the trust registry links signers to.</summary>
    public InstitutionId Id { get; }

    /// <summary>The acronym or name, e.g. <c>CM</c>.</summary>
    public string Name { get; }

    /// <summary>The issuing state (S2 field 2) is the institution's country.</summary>
    public IssuingCountry Country => Id.Country;

    /// <summary>Field 7 as a line for logs and messages, e.g. <c>BE:0120 CM</c> (institution data, not personal data).</summary>
    public override string ToString() => $"{Id} {Name}";
}
