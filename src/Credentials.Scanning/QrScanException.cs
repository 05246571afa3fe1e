namespace Credentials.Scanning;

/// <summary>An image or PDF from which no QR text could be read, with the reason in words and as a code.</summary>
public sealed class QrScanException : Exception
{
    /// <summary>A refusal with its cause and a one-line message that names no personal data.</summary>
    public QrScanException(QrScanProblem problem, string message)
        : base(message) => Problem = problem;

    public QrScanException()
    {
    }

    public QrScanException(string message)
        : base(message)
    {
    }

    public QrScanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the file could not be read.</summary>
    public QrScanProblem Problem { get; }
}
