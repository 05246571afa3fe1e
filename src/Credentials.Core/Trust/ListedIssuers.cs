using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// The one rule for an institution or a certificate that a list of issuers names more than once, applied alike to a
/// JSON list, a signed snapshot and the registry database (EC ePRC spec §5 step 4: the lookup by kid and institution
/// must find exactly one issuer with exactly one certificate).
/// <list type="bullet">
/// <item>Identical duplicates are merged: the same institution listed again with the same name and accreditation
/// periods (its certificates are then the union of the entries'), and the same certificate (by thumbprint) listed again
/// for it with the same validity, whatever its encoding was (PEM, base64 DER, PEM encoded twice).</item>
/// <item>Conflicting duplicates are kept, and make the pair ambiguous: a certificate listed for one institution with
/// two different validities makes that (certificate, institution) ambiguous; an institution listed with different
/// names or different accreditation periods makes every one of its certificates ambiguous, since which entry is right
/// would be a guess. A verifier answers <c>KEY_AMBIGUOUS</c> for those pairs and trusts every other pair.</item>
/// </list>
/// The result is canonical: merging it again changes nothing, so a store can keep it and load it back.
/// </summary>
public sealed class ListedIssuers
{
    private static readonly ListedIssuers Empty = new([], null, 0, []);

    private readonly HashSet<(CertificateDigest Digest, InstitutionId Institution)>? ambiguous;

    private ListedIssuers(IReadOnlyList<RegistryIssuer> issuers, HashSet<(CertificateDigest, InstitutionId)>? ambiguous, int merged, IReadOnlyList<string> conflicts)
    {
        Issuers = issuers;
        this.ambiguous = ambiguous;
        MergedDuplicates = merged;
        Conflicts = conflicts;
    }

    /// <summary>
    /// The issuers, each institution once, except an institution listed with conflicting details, which keeps one
    /// entry per distinct version; a certificate listed with conflicting validities keeps one line per validity.
    /// </summary>
    public IReadOnlyList<RegistryIssuer> Issuers { get; }

    /// <summary>How many identical duplicates (of an institution's entry, or of a certificate line in it) were merged.</summary>
    public int MergedDuplicates { get; }

    /// <summary>One line per conflict found, naming the institution (and the certificate's thumbprint); no personal data.</summary>
    public IReadOnlyList<string> Conflicts { get; }

    /// <summary>How many (certificate, institution) pairs are ambiguous.</summary>
    public int AmbiguousLinks => ambiguous?.Count ?? 0;

    /// <summary>Whether the pair is ambiguous: the registry lists it, or its institution, more than once in conflicting ways.</summary>
    public bool IsAmbiguous(InstitutionId institution, string thumbprint)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return ambiguous is not null && EessiKeyId.TryParse(EessiKeyId.Prefix + thumbprint, out var keyId, out _) && ambiguous.Contains((keyId.Digest, institution));
    }

    internal bool IsAmbiguous(CertificateDigest digest, InstitutionId institution) => ambiguous is not null && ambiguous.Contains((digest, institution));

    /// <summary>Applies the rule to the issuers as a list gave them.</summary>
    public static ListedIssuers Merge(IEnumerable<RegistryIssuer> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        RegistryIssuer[] issuers = [.. listed]; // a copy: the caller's list may change afterwards, the registry may not
        if (issuers.Length == 0)
        {
            return Empty;
        }

        // The usual list names every institution once and every certificate once per institution: keep it as it is.
        var firstEntry = new Dictionary<InstitutionId, int>(issuers.Length);
        List<InstitutionId>? repeated = null;
        for (var i = 0; i < issuers.Length; i++)
        {
            var issuer = issuers[i] ?? throw new ArgumentException("a list of issuers holds no null entry.", nameof(listed));
            if (!firstEntry.TryAdd(issuer.Id, i) || HasRepeatedCertificate(issuer))
            {
                (repeated ??= []).Add(issuer.Id);
            }
        }

        return repeated is null ? new ListedIssuers(issuers, null, 0, []) : MergeRepeated(issuers, [.. repeated]);
    }

    private static ListedIssuers MergeRepeated(RegistryIssuer[] issuers, HashSet<InstitutionId> repeated)
    {
        var entriesOf = new Dictionary<InstitutionId, List<RegistryIssuer>>();
        foreach (var issuer in issuers)
        {
            if (repeated.Contains(issuer.Id))
            {
                if (!entriesOf.TryGetValue(issuer.Id, out var entries))
                {
                    entriesOf[issuer.Id] = entries = [];
                }

                entries.Add(issuer);
            }
        }

        var result = new List<RegistryIssuer>(issuers.Length);
        var ambiguous = new HashSet<(CertificateDigest, InstitutionId)>();
        var conflicts = new List<string>();
        var merged = 0;
        foreach (var issuer in issuers)
        {
            if (!repeated.Contains(issuer.Id))
            {
                result.Add(issuer);
                continue;
            }

            // The first entry of a repeated institution stands for all of them, in the list's order.
            if (!entriesOf.Remove(issuer.Id, out var entries))
            {
                continue;
            }

            // Entries agree when they give the same name and the same accreditation periods.
            var versions = new List<(RegistryIssuer First, List<TrustedCertificate> Certificates)>();
            foreach (var entry in entries)
            {
                var version = versions.FindIndex(v => v.First.Name == entry.Name && SamePeriods(v.First.AccreditationPeriods, entry.AccreditationPeriods));
                if (version < 0)
                {
                    versions.Add((entry, []));
                    version = versions.Count - 1;
                }
                else
                {
                    merged++;
                }

                foreach (var certificate in entry.Certificates)
                {
                    if (versions[version].Certificates.Exists(known => SameLine(known, certificate)))
                    {
                        merged++;
                    }
                    else
                    {
                        versions[version].Certificates.Add(certificate);
                    }
                }
            }

            foreach (var (first, certificates) in versions)
            {
                result.Add(first with { Certificates = certificates, AccreditationPeriods = Distinct(first.AccreditationPeriods, ref merged) });
            }

            if (versions.Count > 1)
            {
                var digests = versions.SelectMany(v => v.Certificates).Select(c => c.Digest).Distinct().ToList();
                digests.ForEach(digest => ambiguous.Add((digest, issuer.Id)));
                conflicts.Add($"{issuer.Id} is listed {versions.Count} times with different names or accreditation periods: its {digests.Count} certificate(s) are ambiguous for it.");
                continue;
            }

            foreach (var conflicting in versions[0].Certificates.GroupBy(c => c.Digest).Where(g => g.Count() > 1))
            {
                ambiguous.Add((conflicting.Key, issuer.Id));
                conflicts.Add($"{issuer.Id} lists certificate {conflicting.First().Thumbprint} with {conflicting.Count()} different validity periods: it is ambiguous for {issuer.Id}.");
            }
        }

        return new ListedIssuers(result, ambiguous.Count > 0 ? ambiguous : null, merged, conflicts);
    }

    private static bool HasRepeatedCertificate(RegistryIssuer issuer)
    {
        var certificates = issuer.Certificates;
        if (certificates.Count < 2)
        {
            return false;
        }

        // An institution holds a handful of certificates: compare them pairwise rather than build a set.
        for (var i = 1; i < certificates.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (certificates[i].Digest == certificates[j].Digest)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The same certificate with the same validity, as the registry gives it.</summary>
    private static bool SameLine(TrustedCertificate a, TrustedCertificate b) =>
        a.Digest == b.Digest && a.RegistryValidFrom == b.RegistryValidFrom && a.RegistryValidUntil == b.RegistryValidUntil;

    private static bool SamePeriods(IReadOnlyList<AccreditationPeriod> a, IReadOnlyList<AccreditationPeriod> b) =>
        new HashSet<AccreditationPeriod>(a).SetEquals(b);

    private static List<AccreditationPeriod> Distinct(IReadOnlyList<AccreditationPeriod> periods, ref int merged)
    {
        var distinct = periods.Distinct().ToList();
        merged += periods.Count - distinct.Count;
        return distinct;
    }
}
