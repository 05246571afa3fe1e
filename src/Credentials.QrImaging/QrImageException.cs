namespace Credentials.QrImaging;

/// <summary>Why no QR text could be read from an image.</summary>
public enum QrImageProblem
{
    UnsupportedFormat,
    TooLarge,
    Damaged,
    NoQrCodeFound,
}

/// <summary>An image from which no QR text could be read, with the reason in words and as a code.</summary>
public sealed class QrImageException : Exception
{
    public QrImageException(QrImageProblem problem, string message)
        : base(message) => Problem = problem;

    public QrImageException()
    {
    }

    public QrImageException(string message)
        : base(message)
    {
    }

    public QrImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QrImageProblem Problem { get; }
}
