using Credentials.Model;

namespace Credentials.Trust;

/// <summary>
/// An institution in the trust registry (EC resolver, `issuers[]`): its OfficialID, name, every certificate
/// that signs for it (historical ones too) and its accreditation periods.
/// </summary>
public sealed record RegistryIssuer(
    InstitutionId Id,
    string Name,
    IReadOnlyList<TrustedCertificate> Certificates,
    IReadOnlyList<AccreditationPeriod> AccreditationPeriods)
{
    /// <summary>The accreditation periods for one portable document.</summary>
    public IEnumerable<AccreditationPeriod> PeriodsFor(string portableDocument)
    {
        foreach (var period in AccreditationPeriods)
        {
            if (string.Equals(period.PortableDocument, portableDocument, StringComparison.OrdinalIgnoreCase))
            {
                yield return period;
            }
        }
    }
}
