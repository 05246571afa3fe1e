namespace Credentials.Host.Configuration;

/// <summary>
/// The section <c>Credentials:RateLimits</c>: a fixed window per client address on the public endpoints (the pages,
/// the verify API, the resolver, the lists); health is never limited. An operator lifts them for a trusted
/// integration by listing its network in <see cref="Exempt"/>, or raises <see cref="PermitLimit"/>.
/// </summary>
internal sealed class RateLimitOptions
{
    /// <summary>Whether requests are limited at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may make per window (default 120).</summary>
    public int PermitLimit { get; set; } = 120;

    /// <summary>The window (default 1 minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Client networks never limited, in CIDR notation (e.g. <c>10.1.2.0/24</c>, <c>127.0.0.1/32</c>).</summary>
    public IList<string> Exempt { get; } = [];
}
