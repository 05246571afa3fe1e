namespace Credentials.Wallet.StatusLists;

/// <summary>An issuer-side status list operation that was refused or failed, with a one-line reason.</summary>
public sealed class StatusListIssuanceException : Exception
{
    /// <summary>A refusal or failure with its one-line reason.</summary>
    public StatusListIssuanceException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with its one-line reason and the error underneath.</summary>
    public StatusListIssuanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure without a reason; prefer a constructor that gives one.</summary>
    public StatusListIssuanceException()
        : base("the status list operation failed.")
    {
    }
}
