namespace Credentials.Batch;

/// <summary>A batch file that cannot be processed at all (as opposed to a bad line, which is reported and skipped).</summary>
public sealed class BatchFileException : Exception
{
    public BatchFileException(string message)
        : base(message)
    {
    }

    public BatchFileException()
    {
    }

    public BatchFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
