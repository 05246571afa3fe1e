using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Credentials.Host.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Security;

/// <summary>
/// The per-client limit on the public endpoints: a fixed window per client address (after the forwarded headers of
/// a known proxy), none for the exempt networks an operator lists for a trusted integration. A refused request gets
/// 429 with Retry-After and a problem (RFC 9457).
/// </summary>
internal static class RateLimits
{
    /// <summary>The policy the public endpoints require.</summary>
    public const string PublicPolicy = "public";

    public static void Add(IServiceCollection services, RateLimitOptions options)
    {
        var exempt = options.Exempt.Select(n => IPNetwork.Parse(n)).ToList();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PublicPolicy, context =>
            {
                var client = context.Connection.RemoteIpAddress;
                if (!options.Enabled || (client is not null && exempt.Any(n => n.Contains(client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client))))
                {
                    return RateLimitPartition.GetNoLimiter("exempt");
                }

                return RateLimitPartition.GetFixedWindowLimiter(client?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Window;
                response.Headers.RetryAfter = ((long)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    detail: string.Create(CultureInfo.InvariantCulture, $"more than {options.PermitLimit} requests in {options.Window.TotalSeconds:0} s from this client: try again in {Math.Ceiling(retry.TotalSeconds):0} s."),
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    type: Verify.VerifyProblems.TypePrefix + "rate-limited").ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });
    }
}
