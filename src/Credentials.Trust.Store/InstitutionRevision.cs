using System.Globalization;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Trust.Store;

/// <summary>
/// One institution as one revision in the store records it: whether the list holds it, its entries' names (one entry
/// unless the list gives it in conflicting versions), its certificate lines and its accreditation periods, each with
/// the withdrawal time once the list dropped it. Values are kept as the store writes them (ISO 8601 text), so two
/// revisions compare without parsing.
/// </summary>
internal sealed class InstitutionRevision
{
    public InstitutionRevision(string country, string officialId, bool listed)
    {
        Country = country;
        OfficialId = officialId;
        Listed = listed;
    }

    public string Country { get; }

    public string OfficialId { get; }

    public bool Listed { get; }

    /// <summary>The entries' names, by entry number.</summary>
    public List<string> Names { get; } = [];

    public List<CertificateLine> Certificates { get; } = [];

    public List<PeriodLine> Periods { get; } = [];

    /// <summary>The revision a list's entries for one institution make (canonical: <see cref="ListedIssuers"/>).</summary>
    public static InstitutionRevision FromListing(IReadOnlyList<RegistryIssuer> entries)
    {
        var id = entries[0].Id;
        var revision = new InstitutionRevision(id.Country.Code, id.LocalId, listed: true);
        for (var entry = 0; entry < entries.Count; entry++)
        {
            revision.Names.Add(entries[entry].Name);
            foreach (var certificate in entries[entry].Certificates)
            {
                revision.Certificates.Add(new CertificateLine(entry, certificate.Thumbprint, FormatInstant(certificate.RegistryValidFrom), FormatInstant(certificate.RegistryValidUntil), null));
            }

            foreach (var period in entries[entry].AccreditationPeriods)
            {
                revision.Periods.Add(new PeriodLine(entry, period.PortableDocument, FormatDate(period.ValidFrom), period.ValidUntil is { } until ? FormatDate(until) : null, null));
            }
        }

        return revision;
    }

    /// <summary>
    /// This listing as the revision after <paramref name="previous"/>: what the previous revision held and this list no
    /// longer does is carried over, withdrawn at <paramref name="at"/> (or when it was withdrawn before), so documents
    /// issued while it held still verify.
    /// </summary>
    public InstitutionRevision Following(InstitutionRevision? previous, string at)
    {
        if (previous is null)
        {
            return this;
        }

        var listedCertificates = Certificates.Select(c => c.Thumbprint).ToHashSet(StringComparer.Ordinal);
        foreach (var line in previous.Certificates.Where(c => !listedCertificates.Contains(c.Thumbprint)))
        {
            Certificates.Add(line with { Entry = 0, WithdrawnAt = line.WithdrawnAt ?? at });
        }

        var listedPeriods = Periods.Select(p => (p.Document, p.ValidFrom)).ToHashSet();
        foreach (var line in previous.Periods.Where(p => !listedPeriods.Contains((p.Document, p.ValidFrom))))
        {
            Periods.Add(line with { Entry = 0, WithdrawnAt = line.WithdrawnAt ?? at });
        }

        return this;
    }

    /// <summary>The revision for an institution the list no longer holds: everything it had, withdrawn.</summary>
    public InstitutionRevision Unlisted(string at)
    {
        var revision = new InstitutionRevision(Country, OfficialId, listed: false);
        revision.Names.AddRange(Names.Take(1));
        revision.Certificates.AddRange(Certificates.Select(line => line with { Entry = 0, WithdrawnAt = line.WithdrawnAt ?? at }));
        revision.Periods.AddRange(Periods.Select(line => line with { Entry = 0, WithdrawnAt = line.WithdrawnAt ?? at }));
        return revision;
    }

    /// <summary>Whether two revisions hold the same (the order of lines aside).</summary>
    public bool SameAs(InstitutionRevision? other) =>
        other is not null && Listed == other.Listed && Names.SequenceEqual(other.Names, StringComparer.Ordinal)
        && Certificates.Order().SequenceEqual(other.Certificates.Order()) && Periods.Order().SequenceEqual(other.Periods.Order());

    /// <summary>Adds to <paramref name="counts"/> what changed from <paramref name="previous"/> to this revision.</summary>
    public void CountChanges(InstitutionRevision? previous, ImportCounts counts)
    {
        if (previous is null)
        {
            counts.IssuersAdded++;
        }
        else if (!Names.SequenceEqual(previous.Names, StringComparer.Ordinal))
        {
            counts.NamesChanged++;
        }

        var before = Active(previous?.Certificates ?? [], c => c.Thumbprint, c => (c.ValidFrom, c.ValidUntil));
        var now = Active(Certificates, c => c.Thumbprint, c => (c.ValidFrom, c.ValidUntil));
        var known = (previous?.Certificates ?? []).Select(c => c.Thumbprint).ToHashSet(StringComparer.Ordinal);
        foreach (var (thumbprint, validity) in now)
        {
            if (!known.Contains(thumbprint))
            {
                counts.LinksAdded++;
            }
            else if (!before.TryGetValue(thumbprint, out var was) || !was.SetEquals(validity))
            {
                counts.LinksChanged++;
            }
        }

        counts.LinksWithdrawn += before.Keys.Count(thumbprint => !now.ContainsKey(thumbprint));

        var periodsBefore = Active(previous?.Periods ?? [], p => (p.Document, p.ValidFrom), p => p.ValidUntil);
        var periodsNow = Active(Periods, p => (p.Document, p.ValidFrom), p => p.ValidUntil);
        var knownPeriods = (previous?.Periods ?? []).Select(p => (p.Document, p.ValidFrom)).ToHashSet();
        foreach (var (key, until) in periodsNow)
        {
            if (!knownPeriods.Contains(key))
            {
                counts.AccreditationsAdded++;
            }
            else if (!periodsBefore.TryGetValue(key, out var was) || !was.SetEquals(until))
            {
                counts.AccreditationsChanged++;
            }
        }

        counts.AccreditationsWithdrawn += periodsBefore.Keys.Count(key => !periodsNow.ContainsKey(key));
    }

    /// <summary>
    /// The registry's entries for this institution. A withdrawn line ends at its withdrawal: a document issued while it
    /// held still verifies, one issued after does not.
    /// </summary>
    public IEnumerable<RegistryIssuer> ToIssuers(IReadOnlyDictionary<string, byte[]> certificateDer)
    {
        var id = InstitutionId.Create(IssuingCountry.Parse(Country), OfficialId);
        for (var entry = 0; entry < Names.Count; entry++)
        {
            var certificates = new List<TrustedCertificate>();
            foreach (var line in Certificates.Where(c => c.Entry == entry))
            {
                var certificate = TrustedCertificate.FromDer(certificateDer[line.Thumbprint], ParseInstant(line.ValidFrom), ParseInstant(line.ValidUntil));
                if (ParseInstant(line.WithdrawnAt) is { } withdrawn && withdrawn < certificate.ValidUntil)
                {
                    certificate = TrustedCertificate.FromDer(certificateDer[line.Thumbprint], ParseInstant(line.ValidFrom), withdrawn);
                }

                certificates.Add(certificate);
            }

            var periods = new List<AccreditationPeriod>();
            foreach (var line in Periods.Where(p => p.Entry == entry))
            {
                DateOnly? until = line.ValidUntil is null ? null : ParseDate(line.ValidUntil);
                if (ParseInstant(line.WithdrawnAt) is { } withdrawnAt && DateOnly.FromDateTime(withdrawnAt.UtcDateTime) is var withdrawn && (until is null || withdrawn < until))
                {
                    until = withdrawn;
                }

                periods.Add(new AccreditationPeriod(line.Document, ParseDate(line.ValidFrom), until));
            }

            yield return new RegistryIssuer(id, Names[entry], certificates, periods);
        }
    }

    public static string FormatInstant(DateTimeOffset instant) => IsoInstant.Format(instant);

    public static DateTimeOffset? ParseInstant(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? FormatInstant(DateTimeOffset? instant) => instant is { } value ? IsoInstant.Format(value) : null;

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The lines not withdrawn, grouped by key, each key with the set of values the list gives it.</summary>
    private static Dictionary<TKey, HashSet<TValue>> Active<TLine, TKey, TValue>(IEnumerable<TLine> lines, Func<TLine, TKey> key, Func<TLine, TValue> value)
        where TLine : ILine
        where TKey : notnull
    {
        var active = new Dictionary<TKey, HashSet<TValue>>();
        foreach (var line in lines.Where(l => l.WithdrawnAt is null))
        {
            if (!active.TryGetValue(key(line), out var values))
            {
                active[key(line)] = values = [];
            }

            values.Add(value(line));
        }

        return active;
    }

    /// <summary>What certificate and period lines share: the withdrawal.</summary>
    internal interface ILine
    {
        string? WithdrawnAt { get; }
    }

    /// <summary>A certificate as one entry lists it: its thumbprint, the validity the list gives (if any), its withdrawal.</summary>
    internal readonly record struct CertificateLine(int Entry, string Thumbprint, string? ValidFrom, string? ValidUntil, string? WithdrawnAt) : ILine, IComparable<CertificateLine>
    {
        public int CompareTo(CertificateLine other) =>
            (Entry, Thumbprint, ValidFrom ?? string.Empty, ValidUntil ?? string.Empty, WithdrawnAt ?? string.Empty).CompareTo((other.Entry, other.Thumbprint, other.ValidFrom ?? string.Empty, other.ValidUntil ?? string.Empty, other.WithdrawnAt ?? string.Empty));
    }

    /// <summary>An accreditation period as one entry lists it (dates <c>yyyy-MM-dd</c>), with its withdrawal.</summary>
    internal readonly record struct PeriodLine(int Entry, string Document, string ValidFrom, string? ValidUntil, string? WithdrawnAt) : ILine, IComparable<PeriodLine>
    {
        public int CompareTo(PeriodLine other) =>
            (Entry, Document, ValidFrom, ValidUntil ?? string.Empty, WithdrawnAt ?? string.Empty).CompareTo((other.Entry, other.Document, other.ValidFrom, other.ValidUntil ?? string.Empty, other.WithdrawnAt ?? string.Empty));
    }
}
