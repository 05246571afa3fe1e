namespace Credentials.Net;

/// <summary>Why a download failed.</summary>
public enum DownloadProblem
{
    /// <summary>No connection, a broken connection, or an HTTP status other than success.</summary>
    Unreachable,

    /// <summary>No complete answer within the time allowed.</summary>
    TimedOut,

    /// <summary>The body is longer than allowed (said by Content-Length, or found while reading).</summary>
    TooLarge,
}

/// <summary>A download that failed, with a one-line message naming the address (without its query) and the problem.</summary>
public sealed class DownloadException : Exception
{
    public DownloadException(DownloadProblem problem, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        StatusCode = statusCode;
    }

    public DownloadException()
    {
    }

    public DownloadException(string message)
        : base(message)
    {
    }

    public DownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public DownloadProblem Problem { get; }

    /// <summary>The HTTP status, when the server answered with one that is not success.</summary>
    public int? StatusCode { get; }
}
