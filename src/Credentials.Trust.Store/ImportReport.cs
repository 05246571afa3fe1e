namespace Credentials.Trust.Store;

/// <summary>What an import changed in the store.</summary>
public sealed record ImportReport(
    int IssuersAdded,
    int CertificatesAdded,
    int LinksAdded,
    int LinksChanged,
    int LinksWithdrawn,
    int AccreditationsAdded,
    int AccreditationsWithdrawn)
{
    public bool ChangedAnything => IssuersAdded + CertificatesAdded + LinksAdded + LinksChanged + LinksWithdrawn + AccreditationsAdded + AccreditationsWithdrawn > 0;

    public override string ToString() =>
        $"{IssuersAdded} issuer(s) and {CertificatesAdded} certificate(s) added; certificate links: {LinksAdded} added, {LinksChanged} changed, {LinksWithdrawn} withdrawn; accreditation periods: {AccreditationsAdded} added, {AccreditationsWithdrawn} withdrawn.";
}
