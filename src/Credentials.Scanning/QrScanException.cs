namespace Credentials.Scanning;

/// <summary>An image or PDF from which no QR text could be read, with the reason in words and as a code.</summary>
public sealed class QrScanException : Exception
{
    /// <summary>A refusal with its cause and a one-line message that names no personal data.</summary>
    public QrScanException(QrScanProblem problem, string message)
        : base(message) => Problem = problem;

    /// <summary>The standard constructor (CA1032); the library always gives the problem and the reason. <see cref="Problem"/> is then <see cref="QrScanProblem.UnsupportedFormat"/>.</summary>
    public QrScanException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the message as given; <see cref="Problem"/> is then <see cref="QrScanProblem.UnsupportedFormat"/>.</summary>
    public QrScanException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032), with the message and its cause; <see cref="Problem"/> is then <see cref="QrScanProblem.UnsupportedFormat"/>.</summary>
    public QrScanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the file could not be read.</summary>
    public QrScanProblem Problem { get; }
}
