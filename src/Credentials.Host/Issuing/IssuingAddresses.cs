using Credentials.Host.Publishing;
using Credentials.Model;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Issuing;

/// <summary>The addresses the host writes into what it issues: its revocation list per institution, at its public base URL.</summary>
internal sealed class IssuingAddresses(PublicAddress publicAddress, string revocationPath)
{
    /// <summary>The host's public base URL for a request: configured, else where it listens, else the request's own.</summary>
    public Uri BaseFor(HttpContext context) => publicAddress.Resolve(context);

    /// <summary>The <c>rid</c> of the documents of <paramref name="institution"/> at <paramref name="baseUrl"/>: the list <see cref="RevocationPublisher"/> signs.</summary>
    public Uri RevocationList(Uri baseUrl, InstitutionId institution) =>
        new(baseUrl, revocationPath.Trim('/') + "/" + RevocationPublisher.RelativePath(institution));
}
