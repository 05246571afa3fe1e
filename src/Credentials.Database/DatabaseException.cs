namespace Credentials.Database;

/// <summary>A database that cannot be used as asked, in one line that names it (never with a password): unreachable, refused, or newer than this program.</summary>
public sealed class DatabaseException : Exception
{
    public DatabaseException(string message)
        : base(message)
    {
    }

    public DatabaseException()
    {
    }

    public DatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
