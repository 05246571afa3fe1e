using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// An in-memory trust registry, indexed for the verifier's lookup by (kid, country, officialID): a hash
/// lookup, never a scan, whatever the registry's size. Immutable once built, so it is safe to share
/// between threads.
/// </summary>
public sealed class TrustRegistry : ITrustRegistry
{
    private readonly Dictionary<(string Thumbprint, InstitutionId Institution), List<(RegistryIssuer Issuer, TrustedCertificate Certificate)>> byKeyAndInstitution = [];
    private readonly Dictionary<string, List<InstitutionId>> institutionsByThumbprint = new(StringComparer.Ordinal);

    public TrustRegistry(IEnumerable<RegistryIssuer> issuers, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        AsOf = asOf;
        Issuers = issuers.ToList();
        foreach (var issuer in Issuers)
        {
            foreach (var certificate in issuer.Certificates)
            {
                var key = (certificate.Thumbprint, issuer.Id);
                if (!byKeyAndInstitution.TryGetValue(key, out var entries))
                {
                    byKeyAndInstitution[key] = entries = [];
                }

                entries.Add((issuer, certificate));

                if (!institutionsByThumbprint.TryGetValue(certificate.Thumbprint, out var institutions))
                {
                    institutionsByThumbprint[certificate.Thumbprint] = institutions = [];
                }

                if (!institutions.Contains(issuer.Id))
                {
                    institutions.Add(issuer.Id);
                }
            }
        }
    }

    public IReadOnlyList<RegistryIssuer> Issuers { get; }

    /// <summary>When the data was last brought up to date (e.g. the last sync); null for a file of unknown age.</summary>
    public DateTimeOffset? AsOf { get; }

    public int CertificateCount => institutionsByThumbprint.Count;

    public KeyResolution Resolve(EessiKeyId keyId, InstitutionId institution)
    {
        if (byKeyAndInstitution.TryGetValue((keyId.Thumbprint, institution), out var entries))
        {
            return entries.Count == 1
                ? new KeyResolution(KeyResolutionOutcome.Resolved, entries[0].Issuer, entries[0].Certificate)
                : new KeyResolution(KeyResolutionOutcome.Ambiguous, LinkedInstitutions: [institution]);
        }

        return institutionsByThumbprint.TryGetValue(keyId.Thumbprint, out var linked)
            ? new KeyResolution(KeyResolutionOutcome.NotLinkedToAuthenticSource, LinkedInstitutions: linked)
            : new KeyResolution(KeyResolutionOutcome.KeyUnknown);
    }
}
