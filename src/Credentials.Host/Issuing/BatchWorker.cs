using Credentials.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Issuing;

/// <summary>
/// Works the batch jobs of the issuer database, one item at a time, oldest job first: at start it picks up the jobs a
/// stopped host left unfinished. Each item is claimed first (<see cref="IssuingStore.ClaimItem"/>), so hosts sharing
/// the database work one job together and never sign one item twice; a claim lapses after <see cref="ClaimLease"/>,
/// so an item a stopped host held is taken up by another. An item whose <c>jti</c> the host has delivered already is
/// marked issued without signing again (the host stopped between signing and marking); every other is issued as its
/// submitter could (<see cref="DocumentIssuing"/>, the job's institutions), then its request is dropped from the database.
/// </summary>
internal sealed partial class BatchWorker(IssuingStore store, DocumentIssuing issuing, IHostApplicationLifetime lifetime, ILogger<BatchWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);
    private long itemsWorked;

    /// <summary>How often unfinished jobs are looked for without a wake-up (another host sharing the database may add them).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a host holds an item it claimed: far longer than signing one takes, even on an HSM.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>How many batch items this host has worked since it started (each claimed by it alone).</summary>
    public long ItemsWorked => Interlocked.Read(ref itemsWorked);

    /// <summary>Asks the worker to look for work now.</summary>
    public void Wake() => wake.Release();

    /// <summary>Works every unfinished job to its end (or until <paramref name="cancellation"/>); returns the items this host did.</summary>
    public int RunPending(CancellationToken cancellation)
    {
        var done = 0;
        foreach (var jobId in store.UnfinishedJobs())
        {
            if (store.FindJob(jobId) is not { } job)
            {
                continue;
            }

            var institutions = job.Institutions.ToHashSet(StringComparer.Ordinal);
            while (!cancellation.IsCancellationRequested && store.ClaimItem(jobId, ClaimLease) is { } item)
            {
                if (store.Find(item.Id!) is not null)
                {
                    store.CompleteItem(jobId, item.Line, issued: true, problems: null);
                }
                else
                {
                    var outcome = issuing.Issue(item.Request ?? [], institution => institutions.Contains(institution.ToString()), job.Actor, job.PublicBase);
                    store.CompleteItem(jobId, item.Line, outcome.Succeeded, outcome.Succeeded ? null : Describe(outcome));
                }

                done++;
                Interlocked.Increment(ref itemsWorked);
            }

            if (cancellation.IsCancellationRequested)
            {
                return done;
            }

            // Items another host still holds keep the job open; the host that completes the last one finishes it.
            if (store.FinishJob(jobId))
            {
                JobFinished(log, jobId);
            }
        }

        return done;
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken serviceStopping)
    {
        // No new item once the host begins to stop (Ctrl-C, SIGTERM), not only once this service is stopped: the host
        // first lets requests in flight finish, and a batch worked on meanwhile would make the stop wait for no one.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serviceStopping, lifetime.ApplicationStopping);
        var stoppingToken = linked.Token;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                RunPending(stoppingToken);
            }
            catch (Exception e) when (e is Credentials.Storage.Issuance.IssuerStateException or IOException)
            {
                WorkFailed(log, e.GetType().Name);
            }

            try
            {
                await wake.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Describe(IssueOutcome outcome) =>
        outcome.Problems.Count > 0
            ? string.Join("; ", outcome.Problems.Select(p => p.Field is null ? p.Code : $"{p.Field}: {p.Code}"))
            : $"{outcome.Code}: {outcome.Detail}";

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "Batch job {JobId} finished.")]
    private static partial void JobFinished(ILogger logger, string jobId);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Batch work stopped ({Failure}); retried shortly.")]
    private static partial void WorkFailed(ILogger logger, string failure);
}
