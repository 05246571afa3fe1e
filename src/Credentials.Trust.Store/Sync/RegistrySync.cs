namespace Credentials.Trust.Store.Sync;

public enum SyncOutcome
{
    Updated,
    NotModified,
    Failed,
}

/// <summary>What a sync did: its outcome, the import report when the list was imported, and why it failed.</summary>
public sealed record SyncReport(SyncOutcome Outcome, int Attempts, ImportReport? Import, string Message);

/// <summary>
/// Brings a <see cref="RegistryStore"/> in line with a source: a conditional fetch, retried with back-off on
/// transient failures, then one import. A failed, partial or unreadable download, or a list that would drop
/// every issuer, changes nothing; the report says why.
/// </summary>
public sealed class RegistrySync(RegistryStore store, TimeProvider time)
{
    /// <summary>Waits before the second and third attempt.</summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)];

    public async Task<SyncReport> SyncAsync(IIssuerSource source, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var state = store.GetSyncState(source.Name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var fetch = await source.FetchAsync(state?.ETag, state?.LastModified, cancellation).ConfigureAwait(false);
                if (fetch.NotModified)
                {
                    store.SetSyncState(source.Name, fetch.ETag, fetch.LastModified, time.GetUtcNow());
                    return new SyncReport(SyncOutcome.NotModified, attempt, null, "the resolver's list has not changed since the last sync.");
                }

                var import = store.Import(fetch.Issuers!, source.Name, time.GetUtcNow());
                store.SetSyncState(source.Name, fetch.ETag, fetch.LastModified, time.GetUtcNow());
                return new SyncReport(SyncOutcome.Updated, attempt, import, $"{fetch.Issuers!.Count} issuer(s) read: {import}");
            }
            catch (SyncException e) when (e.Transient && attempt <= Backoff.Count)
            {
                await Task.Delay(Backoff[attempt - 1], time, cancellation).ConfigureAwait(false);
            }
            catch (SyncException e)
            {
                return new SyncReport(SyncOutcome.Failed, attempt, null, $"{e.Message} Nothing was changed.");
            }
            catch (RegistryImportException e)
            {
                return new SyncReport(SyncOutcome.Failed, attempt, null, e.Message);
            }
        }
    }
}
