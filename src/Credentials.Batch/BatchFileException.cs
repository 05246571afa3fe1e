namespace Credentials.Batch;

/// <summary>A batch file that cannot be processed at all (as opposed to a bad line, which is reported and skipped).</summary>
public sealed class BatchFileException : Exception
{
    /// <summary>A batch that cannot go on, with a one-line reason naming the file or folder, never a request's content.</summary>
    public BatchFileException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032); the library always says why.</summary>
    public BatchFileException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the cause.</summary>
    public BatchFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
