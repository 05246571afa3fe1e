using Credentials.Status;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// A Status List or Status List Token that cannot be used, with a one-line message saying what is wrong and the
/// <see cref="StatusUnknownCause"/> a status check reports for it (malformed, too large, badly signed …).
/// </summary>
public sealed class StatusListFormatException : Exception
{
    /// <summary>A problem of the given cause, with its one-line message.</summary>
    public StatusListFormatException(StatusUnknownCause cause, string message, Exception? innerException = null)
        : base(message, innerException) => Cause = cause;

    /// <summary>A malformed list, with its one-line message.</summary>
    public StatusListFormatException()
        : this(StatusUnknownCause.Malformed, "the status list is malformed.")
    {
    }

    /// <summary>A malformed list, with its one-line message.</summary>
    public StatusListFormatException(string message)
        : this(StatusUnknownCause.Malformed, message)
    {
    }

    /// <summary>A malformed list, with its one-line message and the error underneath.</summary>
    public StatusListFormatException(string message, Exception innerException)
        : this(StatusUnknownCause.Malformed, message, innerException)
    {
    }

    /// <summary>What a status check reports for this problem.</summary>
    public StatusUnknownCause Cause { get; }
}
