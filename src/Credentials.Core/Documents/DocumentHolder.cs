using Credentials.Model;

namespace Credentials.Documents;

/// <summary>The person a document is for, as Decision S2 fields 3–5 name them. Every field follows its rule.</summary>
public sealed record DocumentHolder
{
    /// <summary>The holder from S2 fields 3–5: names are checked against <see cref="DocumentText.FamilyName"/> and <see cref="DocumentText.GivenNames"/>, and a default (missing) date of birth is refused; an <see cref="ArgumentException"/> names the field, never its value.</summary>
    public DocumentHolder(string familyName, string givenNames, PartialDate dateOfBirth)
    {
        FamilyName = DocumentText.FamilyName.Require(familyName, nameof(familyName));
        GivenNames = DocumentText.GivenNames.Require(givenNames, nameof(givenNames));
        DateOfBirth = dateOfBirth.Year == 0 ? throw new ArgumentException("the date of birth is missing.", nameof(dateOfBirth)) : dateOfBirth;
    }

    /// <summary>S2 field 3.</summary>
    public string FamilyName { get; }

    /// <summary>S2 field 4.</summary>
    public string GivenNames { get; }

    /// <summary>S2 field 5: day or month may be unknown (00).</summary>
    public PartialDate DateOfBirth { get; }
}
