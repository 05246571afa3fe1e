namespace Credentials.Host.Issuing;

/// <summary>A batch job as its status endpoint reports it.</summary>
internal sealed record BatchJobStatus(string Id, IReadOnlyList<string> Institutions, string Actor, Uri PublicBase, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<BatchItem> Items)
{
    /// <summary>Requests issued so far.</summary>
    public int Issued => Items.Count(i => i.State == "issued");

    /// <summary>Requests refused.</summary>
    public int Failed => Items.Count(i => i.State == "failed");

    /// <summary>Requests waiting.</summary>
    public int Pending => Items.Count(i => i.State == "pending");
}
