using Credentials.Labels;

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

/// <summary>
/// A download that failed, with a one-line message naming the address (without its query) and the problem:
/// <see cref="Text"/> in any language, <see cref="Exception.Message"/> its English.
/// </summary>
public sealed class DownloadException : Exception
{
    /// <summary>A failed download with its reason in any language and, when the server answered, its HTTP status.</summary>
    public DownloadException(DownloadProblem problem, MessageText text, int? statusCode = null, Exception? innerException = null)
        : base((text ?? throw new ArgumentNullException(nameof(text))).ToString(), innerException)
    {
        Problem = problem;
        StatusCode = statusCode;
        Text = text;
    }

    /// <summary>A failed download with an English reason that is not in the label data.</summary>
    public DownloadException(DownloadProblem problem, string message, int? statusCode = null, Exception? innerException = null)
        : this(problem, MessageText.Untranslated(message), statusCode, innerException)
    {
    }

    /// <summary>The standard constructor (CA1032); the library always says why, with <see cref="DownloadException(DownloadProblem, MessageText, int?, Exception?)"/>.</summary>
    public DownloadException()
    {
        Text = MessageText.Untranslated(Message);
    }

    /// <summary>The standard constructor (CA1032): an unreachable address, with the message as given.</summary>
    public DownloadException(string message)
        : base(message)
    {
        Text = MessageText.Untranslated(message);
    }

    /// <summary>The standard constructor (CA1032): an unreachable address, with the message and its cause.</summary>
    public DownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = MessageText.Untranslated(message);
    }

    /// <summary>What went wrong, to be rendered in any language.</summary>
    public MessageText Text { get; }

    /// <summary>What went wrong.</summary>
    public DownloadProblem Problem { get; }

    /// <summary>The HTTP status, when the server answered with one that is not success.</summary>
    public int? StatusCode { get; }
}
