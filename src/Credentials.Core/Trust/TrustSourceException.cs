namespace Credentials.Trust;

/// <summary>Trust data that cannot be used as given (the wrong kind of file for the options, a missing file, a download that failed), with a one-line reason.</summary>
public sealed class TrustSourceException : Exception
{
    public TrustSourceException()
    {
    }

    public TrustSourceException(string message)
        : base(message)
    {
    }

    public TrustSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
