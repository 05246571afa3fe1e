namespace Credentials.Trust.Store;

/// <summary>An import refused as a whole; the store is unchanged.</summary>
public sealed class RegistryImportException : Exception
{
    public RegistryImportException(string message)
        : base(message)
    {
    }

    public RegistryImportException()
    {
    }

    public RegistryImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
