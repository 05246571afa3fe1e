using System.Runtime.InteropServices;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// An in-memory trust registry, indexed for the verifier's lookup by (kid, country, officialID): a hash
/// lookup, never a scan, whatever the registry's size. Immutable once built, so it is safe to share
/// between threads. An institution or certificate listed more than once follows <see cref="ListedIssuers"/>: identical
/// duplicates are merged, conflicting ones make the pair ambiguous.
/// </summary>
public sealed class TrustRegistry : ITrustRegistry
{
    private readonly Dictionary<RegistryIndexKey, Link> byKeyAndInstitution;
    private readonly Dictionary<CertificateDigest, LinkedInstitutions> institutionsByDigest;

    /// <summary>A registry of these issuers. <paramref name="asOf"/> is when the data was last brought up to date (a sync, a snapshot's <c>iat</c>, or when the caller says a list was fetched); without it, the trust data's age is unknown and step 4 warns.</summary>
    public TrustRegistry(IEnumerable<RegistryIssuer> issuers, DateTimeOffset? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        AsOf = asOf;
        var listed = ListedIssuers.Merge(issuers);
        Issuers = listed.Issuers;
        var links = Issuers.Sum(issuer => issuer.Certificates.Count);
        byKeyAndInstitution = new(links);
        institutionsByDigest = new(links);
        foreach (var issuer in Issuers)
        {
            foreach (var certificate in issuer.Certificates)
            {
                ref var link = ref CollectionsMarshal.GetValueRefOrAddDefault(byKeyAndInstitution, new RegistryIndexKey(certificate.Digest, issuer.Id), out var listedBefore);
                link = new Link(issuer, certificate, Ambiguous: listedBefore || listed.IsAmbiguous(certificate.Digest, issuer.Id));

                ref var institutions = ref CollectionsMarshal.GetValueRefOrAddDefault(institutionsByDigest, certificate.Digest, out var seenBefore);
                if (!seenBefore)
                {
                    institutions = new LinkedInstitutions(issuer.Id, null);
                }
                else if (institutions.First != issuer.Id && !(institutions.Others?.Contains(issuer.Id) ?? false))
                {
                    institutions = institutions with { Others = [.. institutions.Others ?? [], issuer.Id] };
                }
            }
        }
    }

    /// <summary>The issuers, duplicates merged (<see cref="ListedIssuers"/>).</summary>
    public IReadOnlyList<RegistryIssuer> Issuers { get; }

    /// <summary>When the data was last brought up to date (e.g. the last sync); null for a file of unknown age.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>When the source said the data must be replaced (a signed snapshot's next update); null when it said nothing.</summary>
    public DateTimeOffset? NextUpdate { get; init; }

    /// <summary>How many distinct certificates (by SHA-256 digest) the registry holds.</summary>
    public int CertificateCount => institutionsByDigest.Count;

    /// <summary>Resolves the QR token's <c>kid</c> for the document's authentic source.</summary>
    public KeyResolution Resolve(EessiKeyId keyId, InstitutionId institution) => Resolve(KeyReference.FromKeyId(keyId), institution);

    /// <summary>Resolves a key for the document's authentic source: one hash lookup on (certificate digest, institution), never a scan.</summary>
    public KeyResolution Resolve(KeyReference key, InstitutionId institution)
    {
        ArgumentNullException.ThrowIfNull(key);
        var digest = key.Digest;
        if (byKeyAndInstitution.TryGetValue(new RegistryIndexKey(digest, institution), out var link))
        {
            return link.Ambiguous
                ? new KeyResolution(KeyResolutionOutcome.Ambiguous, LinkedInstitutions: [institution])
                : new KeyResolution(KeyResolutionOutcome.Resolved, link.Issuer, link.Certificate);
        }

        return institutionsByDigest.TryGetValue(digest, out var linked)
            ? new KeyResolution(KeyResolutionOutcome.NotLinkedToAuthenticSource, LinkedInstitutions: [linked.First, .. linked.Others ?? []])
            : new KeyResolution(KeyResolutionOutcome.KeyUnknown);
    }

    /// <summary>
    /// What the index holds for one (certificate, institution): the link itself, inline, or the mark that the
    /// registry lists that pair, or its institution, more than once in conflicting ways, which step 4 must refuse.
    /// </summary>
    private readonly record struct Link(RegistryIssuer Issuer, TrustedCertificate Certificate, bool Ambiguous);

    /// <summary>The institutions one certificate signs for: nearly always one, so no list unless there are more.</summary>
    private readonly record struct LinkedInstitutions(InstitutionId First, InstitutionId[]? Others);
}
