using System.Globalization;
using Credentials.Host.Configuration;
using Credentials.Host.TrustData;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Background;

/// <summary>
/// Looks at the trust data's age every <c>Credentials:Trust:CheckInterval</c> and warns in the log when it is older
/// than <c>StaleAfter</c> (EC ePRC spec §5, "Offline": verifications then carry a warning) or past <c>MaxAge</c> or its
/// signed next update (then no key resolves and nothing is approved): once when it becomes so, then at most hourly
/// while it stays so, and once when it is current again.
/// </summary>
internal sealed partial class TrustStalenessMonitor(TrustView trust, TrustOptions options, TimeProvider time, ILogger<TrustStalenessMonitor> log) : BackgroundService
{
    private static readonly TimeSpan Reminder = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasStale = false;
        var lastWarning = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var registry = trust.Current;
            var stale = Describe(registry.AsOf, registry.NextUpdate, now);
            if (stale is not null && (!wasStale || now - lastWarning >= Reminder))
            {
                LogStale(log, trust.Description, stale);
                lastWarning = now;
            }
            else if (stale is null && wasStale)
            {
                LogCurrent(log, trust.Description);
            }

            wasStale = stale is not null;
            try
            {
                await Task.Delay(options.CheckInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>What is wrong with the data's age, or null when it is current.</summary>
    private string? Describe(DateTimeOffset? asOf, DateTimeOffset? nextUpdate, DateTimeOffset now)
    {
        if (nextUpdate is { } due && now > due)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its signed next update was due {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC: no key resolves, nothing is approved until it is replaced");
        }

        if (asOf is not { } at)
        {
            return "its age is unknown (a resolver list states none): verifications warn about it";
        }

        var age = now - at;
        if (age > options.MaxAge)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it was last confirmed current {age.TotalHours:0} hours ago, more than the {options.MaxAge.TotalHours:0} allowed: no key resolves, nothing is approved until it is updated");
        }

        return age > options.StaleAfter
            ? string.Create(CultureInfo.InvariantCulture, $"it was last confirmed current {age.TotalHours:0} hours ago, more than {options.StaleAfter.TotalHours:0}: verifications warn about it")
            : null;
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Trust data stale ({Source}): {Problem}.")]
    private static partial void LogStale(ILogger logger, string source, string problem);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Trust data current again ({Source}).")]
    private static partial void LogCurrent(ILogger logger, string source);
}
