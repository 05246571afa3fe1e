namespace Credentials.Trust.Store.Sync;

/// <summary>A fetch that failed; <see cref="Transient"/> says whether trying again may help (network, HTTP 5xx).</summary>
public sealed class SyncException : Exception
{
    public SyncException(string message, bool transient)
        : base(message) => Transient = transient;

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
}
