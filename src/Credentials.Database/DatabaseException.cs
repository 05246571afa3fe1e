namespace Credentials.Database;

/// <summary>A database that cannot be used as asked, in one line that names it (never with a password): unreachable, refused, or newer than this program.</summary>
public sealed class DatabaseException : Exception
{
    /// <summary>A database failure described by <paramref name="message"/>.</summary>
    public DatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>A database failure without a description.</summary>
    public DatabaseException()
    {
    }

    /// <summary>A database failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public DatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
