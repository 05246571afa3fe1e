using Credentials.Host.Configuration;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Background;

/// <summary>
/// Keeps the registry database in line with a resolver (<c>Credentials:Sync:From</c>): a sync at start, then one per
/// interval, each a conditional, bounded, retried download and one import (<see cref="RegistrySync"/>). The verifier
/// sees the change within a second (<see cref="RegistryView"/>). A failed sync changes nothing and is logged with
/// the resolver's address only; the staleness monitor says when the data grows old.
/// </summary>
internal sealed partial class RegistrySyncService(string database, SyncOptions options, HttpClient http, TimeProvider time, ILogger<RegistrySyncService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var source = new EcResolverSource(http, options.From!, maxBytes: options.MaxBytes);
        var where = Credentials.Net.BoundedDownload.Describe(options.From!);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                SyncReport report;
                using (var store = RegistryStore.Open(database))
                {
                    var sync = new RegistrySync(store, time) { Progress = line => LogRetry(log, where, line) };
                    report = await sync.SyncAsync(source, stoppingToken).ConfigureAwait(false);
                }

                if (report.Outcome == SyncOutcome.Failed)
                {
                    LogFailed(log, where, report.Attempts, report.Message);
                }
                else
                {
                    LogSynced(log, where, report.Outcome, report.Attempts, report.Message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogFailed(log, where, 0, e.Message);
            }

            try
            {
                await Task.Delay(options.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Registry sync from {Resolver}: {Outcome} after {Attempts} attempt(s): {Message}")]
    private static partial void LogSynced(ILogger logger, string resolver, SyncOutcome outcome, int attempts, string message);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Registry sync from {Resolver} failed after {Attempts} attempt(s): {Message}")]
    private static partial void LogFailed(ILogger logger, string resolver, int attempts, string message);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Registry sync from {Resolver}: {Line}")]
    private static partial void LogRetry(ILogger logger, string resolver, string line);
}
