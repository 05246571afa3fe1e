using System.Security.Cryptography.X509Certificates;
using Credentials.Net;

namespace Credentials.Trust;

/// <summary>How to open trust data: what a snapshot must be signed by, where rollback state is kept, and what a plain list's age is.</summary>
public sealed record TrustSourceOptions
{
    /// <summary>The registry operator's certificate, which must have signed a snapshot. Refused with any other kind of source.</summary>
    public X509Certificate2? OperatorCertificate { get; init; }

    /// <summary>Where the highest snapshot sequence accepted per operator is kept (rollback protection); required for snapshots.</summary>
    public ITrustStateStore? State { get; init; }

    /// <summary>
    /// When a resolver list file was fetched, as the caller knows it: a list carries no date of its own, so without
    /// this its age is unknown (a step-4 warning). Refused with a database or a snapshot, which know their own age.
    /// </summary>
    public DateTimeOffset? ListFetchedAt { get; init; }

    /// <summary>For a source given as an http(s) address.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>The bounds of such a download.</summary>
    public DownloadLimits Download { get; init; } = new(ResolverListFormat.MaxDownloadBytes, TimeSpan.FromSeconds(60));
}
