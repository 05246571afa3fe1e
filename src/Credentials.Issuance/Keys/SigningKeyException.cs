namespace Credentials.Issuance.Keys;

/// <summary>A key or certificate file that cannot be used to sign, with a message that says why.</summary>
public sealed class SigningKeyException : Exception
{
    public SigningKeyException(string message)
        : base(message)
    {
    }

    public SigningKeyException()
    {
    }

    public SigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
