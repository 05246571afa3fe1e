using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Publishing;

/// <summary>
/// The host's public base URL: as configured (<c>Credentials:PublicBaseUrl</c>, behind a proxy the proxy's), else
/// the first address it listens on (for the test server, the request's own scheme and host). Always ends with '/'.
/// </summary>
internal sealed class PublicAddress(Uri? configured, IServer server)
{
    private Uri? listening;

    public Uri? Configured => configured is null ? null : WithSlash(configured);

    /// <summary>The base URL, once the host listens.</summary>
    public Uri? Get()
    {
        if (configured is not null)
        {
            return WithSlash(configured);
        }

        if (listening is null && server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } first
            && Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var address))
        {
            listening = WithSlash(address);
        }

        return listening;
    }

    /// <summary>The base URL for a request: the configured or listening one, else the request's own.</summary>
    public Uri Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Get() ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
    }

    /// <summary>
    /// This host's identifier for a request: the base URL without its trailing '/', one string for the credential
    /// issuer (OpenID4VCI 1.0 §12.2.1), the authorization server's <c>issuer</c> and the access tokens' <c>iss</c>
    /// (RFC 8414 §2, §3.3: identical to the identifier the metadata address was made from) and the audience a wallet
    /// presentation's key binding names. The well-known addresses are made from it as RFC 8414 §3.1 says: the
    /// origin, then <c>/.well-known/…</c>, then its path, if any.
    /// </summary>
    public string Identifier(HttpContext context) => Resolve(context).AbsoluteUri.TrimEnd('/');

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
