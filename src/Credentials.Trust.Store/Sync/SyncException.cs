namespace Credentials.Trust.Store.Sync;

/// <summary>A fetch that failed; <see cref="Transient"/> says whether trying again may help (network, HTTP 5xx).</summary>
public sealed class SyncException : Exception
{
    public SyncException(string message, bool transient, Credentials.Net.DownloadProblem? problem = null)
        : base(message)
    {
        Transient = transient;
        Problem = problem;
    }

    public SyncException()
    {
    }

    public SyncException(string message)
        : base(message)
    {
    }

    public SyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Transient { get; }

    /// <summary>What went wrong with the download, when it was the download that failed.</summary>
    public Credentials.Net.DownloadProblem? Problem { get; }
}
