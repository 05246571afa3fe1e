namespace Credentials.Trust;

/// <summary>Trust data that cannot be used as given (the wrong kind of file for the options, a missing file, a download that failed), with a one-line reason.</summary>
public sealed class TrustSourceException : Exception
{
    /// <summary>The standard constructor (CA1032); the library always gives the reason.</summary>
    public TrustSourceException()
    {
    }

    /// <summary>Trust data that cannot be used, with a one-line reason naming the source.</summary>
    public TrustSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Trust data that cannot be used, with the reason and its cause.</summary>
    public TrustSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
