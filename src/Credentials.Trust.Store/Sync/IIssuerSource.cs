namespace Credentials.Trust.Store.Sync;

/// <summary>What a source answered: a full list with its validators, or "not modified".</summary>
public sealed record IssuerFetch(IReadOnlyList<RegistryIssuer>? Issuers, string? ETag, string? LastModified)
{
    /// <summary>Whether the source said the list has not changed since the validators given (HTTP 304): the registry is confirmed current, nothing to import.</summary>
    public bool NotModified => Issuers is null;
}

/// <summary>
/// Where the full list of issuers comes from. The EC resolver's shape is still moving (EC ePRC spec, "Resolver"),
/// so each source is an adapter; <see cref="EcResolverSource"/> is the first.
/// </summary>
public interface IIssuerSource
{
    /// <summary>A stable name for the source, under which its validators are kept.</summary>
    string Name { get; }

    /// <summary>Fetches the full list, conditionally when validators are known. Throws <see cref="SyncException"/> on any failure.</summary>
    Task<IssuerFetch> FetchAsync(string? etag, string? lastModified, CancellationToken cancellation);
}
