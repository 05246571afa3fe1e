namespace Credentials.Issuance.Keys;

/// <summary>A key or certificate file that cannot be used to sign, with a message that says why.</summary>
public sealed class SigningKeyException : Exception
{
    /// <summary>A key or certificate that cannot be used, with a one-line reason naming the file, never its content.</summary>
    public SigningKeyException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032); the library always says why.</summary>
    public SigningKeyException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the cause.</summary>
    public SigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
