namespace Credentials.Host.Configuration;

/// <summary>
/// The section <c>Credentials:Proxy</c>: behind a reverse proxy, which addresses may state the client's address and
/// scheme (X-Forwarded-For, X-Forwarded-Proto), and the explicit opt-out from HTTPS when the proxy terminates TLS.
/// </summary>
internal sealed class ProxyOptions
{
    /// <summary>
    /// The documented opt-out: a proxy in front terminates TLS, so this host may listen on plain HTTP on addresses
    /// other than loopback. Forwarded headers are then read from loopback proxies and those listed below.
    /// </summary>
    public bool TlsTerminated { get; set; }

    /// <summary>Proxy addresses whose forwarded headers are believed (e.g. <c>10.0.0.5</c>).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks whose forwarded headers are believed, in CIDR notation.</summary>
    public IList<string> KnownNetworks { get; } = [];
}
