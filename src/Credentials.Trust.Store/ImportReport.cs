namespace Credentials.Trust.Store;

/// <summary>What an import changed in the store, and what it merged or found ambiguous in the list.</summary>
public sealed record ImportReport(
    int IssuersAdded,
    int CertificatesAdded,
    int LinksAdded,
    int LinksChanged,
    int LinksWithdrawn,
    int AccreditationsAdded,
    int AccreditationsWithdrawn)
{
    /// <summary>Institutions whose name (or names) changed.</summary>
    public int NamesChanged { get; init; }

    /// <summary>Accreditation periods whose end changed, or that the list holds again after a withdrawal.</summary>
    public int AccreditationsChanged { get; init; }

    /// <summary>Identical duplicates in the list (an institution's entry, a certificate line) merged into one.</summary>
    public int DuplicatesMerged { get; init; }

    /// <summary>(certificate, institution) pairs the list gives in conflicting ways: verification answers KEY_AMBIGUOUS for them.</summary>
    public int AmbiguousLinks { get; init; }

    /// <summary>One line per conflict in the list (institution ids and thumbprints only).</summary>
    public IReadOnlyList<string> Conflicts { get; init; } = [];

    /// <summary>Whether the registry the store loads differs from before the import.</summary>
    public bool ChangedAnything => IssuersAdded + NamesChanged + CertificatesAdded + LinksAdded + LinksChanged + LinksWithdrawn + AccreditationsAdded + AccreditationsChanged + AccreditationsWithdrawn > 0;

    /// <summary>The counts in one line for the operator, as a sync report gives them; counts only, no institution or personal data.</summary>
    public override string ToString() =>
        $"{IssuersAdded} issuer(s) and {CertificatesAdded} certificate(s) added, {NamesChanged} name(s) changed; certificate links: {LinksAdded} added, {LinksChanged} changed, {LinksWithdrawn} withdrawn; accreditation periods: {AccreditationsAdded} added, {AccreditationsChanged} changed, {AccreditationsWithdrawn} withdrawn.";
}
