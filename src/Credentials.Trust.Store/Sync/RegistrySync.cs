namespace Credentials.Trust.Store.Sync;

/// <summary>
/// Brings a <see cref="RegistryStore"/> in line with a source: a conditional fetch, retried with back-off on
/// transient failures, then one import. A failed, partial or unreadable download, or a list that would drop
/// every issuer, changes nothing; the report says why.
/// </summary>
public sealed class RegistrySync(RegistryStore store, TimeProvider time)
{
    /// <summary>Waits before the second and third attempt.</summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)];

    /// <summary>Told one line for each attempt that failed and will be tried again (the address, never a query or personal data).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>One sync: fetch (retried after <see cref="Backoff"/> while the failure is transient), then import. Never throws for a failed fetch or import: the <see cref="SyncReport"/> says what happened, and a failure changes nothing. Cancelling throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<SyncReport> SyncAsync(IIssuerSource source, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var state = store.GetSyncState(source.Name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var fetch = await source.FetchAsync(state?.ETag, state?.LastModified, cancellation).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (fetch.NotModified)
                {
                    // A successful conditional request proves the list is current as of now (EC ePRC spec §5,
                    // "Offline": the trust data's age is the time since it was last confirmed, not since it changed).
                    store.RecordNotModified(source.Name, fetch.ETag, fetch.LastModified, now);
                    return new SyncReport(SyncOutcome.NotModified, attempt, null, "the resolver's list has not changed since the last sync; the registry is confirmed current.");
                }

                var import = store.Import(fetch.Issuers!, source.Name, now, (fetch.ETag, fetch.LastModified));
                return new SyncReport(SyncOutcome.Updated, attempt, import, $"{fetch.Issuers!.Count} issuer(s) read: {import}");
            }
            catch (SyncException e) when (e.Transient && attempt <= Backoff.Count)
            {
                Progress?.Invoke($"attempt {attempt} of {Backoff.Count + 1} failed: {e.Message} Trying again in {Backoff[attempt - 1].TotalSeconds:0.#} s.");
                await Task.Delay(Backoff[attempt - 1], time, cancellation).ConfigureAwait(false);
            }
            catch (SyncException e)
            {
                return new SyncReport(SyncOutcome.Failed, attempt, null, $"{e.Message} Nothing was changed.") { Problem = e.Problem };
            }
            catch (RegistryImportException e)
            {
                return new SyncReport(SyncOutcome.Failed, attempt, null, e.Message);
            }
        }
    }
}
