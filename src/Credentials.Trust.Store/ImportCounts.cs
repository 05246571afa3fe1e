namespace Credentials.Trust.Store;

/// <summary>What an import is changing, counted while it compares each institution's revisions.</summary>
internal sealed class ImportCounts
{
    public int IssuersAdded { get; set; }

    public int NamesChanged { get; set; }

    public int CertificatesAdded { get; set; }

    public int LinksAdded { get; set; }

    public int LinksChanged { get; set; }

    public int LinksWithdrawn { get; set; }

    public int AccreditationsAdded { get; set; }

    public int AccreditationsChanged { get; set; }

    public int AccreditationsWithdrawn { get; set; }
}
