namespace Credentials.Trust.Store.Sync;

/// <summary>What a sync did: its outcome, the import report when the list was imported, and why it failed.</summary>
public sealed record SyncReport(SyncOutcome Outcome, int Attempts, ImportReport? Import, string Message)
{
    /// <summary>When the download failed, how (e.g. the list was longer than the limit).</summary>
    public Credentials.Net.DownloadProblem? Problem { get; init; }
}
