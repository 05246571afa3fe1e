namespace Credentials.Trust.Store.Sync;

/// <summary>A fetch that failed; <see cref="Transient"/> says whether trying again may help (network, HTTP 5xx).</summary>
public sealed class SyncException : Exception
{
    /// <summary>A failed fetch with a one-line reason (the address without its query), whether trying again may help, and the download's problem when it was the download.</summary>
    public SyncException(string message, bool transient, Credentials.Net.DownloadProblem? problem = null)
        : base(message)
    {
        Transient = transient;
        Problem = problem;
    }

    /// <summary>The standard constructor (CA1032): a failure not worth retrying.</summary>
    public SyncException()
    {
    }

    /// <summary>The standard constructor (CA1032): a failure not worth retrying, with the message as given.</summary>
    public SyncException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032): a failure not worth retrying, with the message and its cause.</summary>
    public SyncException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether trying again may help: no connection, a timeout, HTTP 5xx or 429.</summary>
    public bool Transient { get; }

    /// <summary>What went wrong with the download, when it was the download that failed.</summary>
    public Credentials.Net.DownloadProblem? Problem { get; }
}
