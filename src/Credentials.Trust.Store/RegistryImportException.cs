namespace Credentials.Trust.Store;

/// <summary>An import refused as a whole; the store is unchanged.</summary>
public sealed class RegistryImportException : Exception
{
    /// <summary>An import refused, with a one-line reason; the store is unchanged.</summary>
    public RegistryImportException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032); the library always says why.</summary>
    public RegistryImportException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the cause.</summary>
    public RegistryImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
