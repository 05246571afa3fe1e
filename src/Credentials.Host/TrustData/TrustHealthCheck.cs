using Credentials.Host.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credentials.Host.TrustData;

/// <summary>
/// Readiness: the host can approve documents only while its trust data is usable: healthy when current, degraded
/// past <c>StaleAfter</c> or when its age is unknown (verifications warn), unhealthy past <c>MaxAge</c> or its signed
/// next update, or when it lists no issuer.
/// </summary>
internal sealed class TrustHealthCheck(TrustView trust, TrustOptions options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var registry = trust.Current;
        HealthCheckResult result;
        if (trust.Served.Registry.Issuers.Count == 0)
        {
            result = HealthCheckResult.Unhealthy("the trust registry lists no issuer yet.");
        }
        else if (registry.NextUpdate is { } due && now > due)
        {
            result = HealthCheckResult.Unhealthy("the trust data is past its signed next update.");
        }
        else if (registry.AsOf is not { } asOf)
        {
            result = HealthCheckResult.Degraded("the trust data's age is unknown.");
        }
        else if (now - asOf > options.MaxAge)
        {
            result = HealthCheckResult.Unhealthy("the trust data is older than allowed.");
        }
        else
        {
            result = now - asOf > options.StaleAfter ? HealthCheckResult.Degraded("the trust data is stale.") : HealthCheckResult.Healthy();
        }

        return Task.FromResult(result);
    }
}
