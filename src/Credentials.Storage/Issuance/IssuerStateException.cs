namespace Credentials.Storage.Issuance;

/// <summary>A refusal or failure of the issuer's state database, with a one-line reason that names no personal data.</summary>
public sealed class IssuerStateException : Exception
{
    /// <summary>A refusal or failure with its reason.</summary>
    public IssuerStateException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with its reason and the error underneath.</summary>
    public IssuerStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure without a reason; prefer one that gives it.</summary>
    public IssuerStateException()
        : base("the issuer's state database failed.")
    {
    }
}
