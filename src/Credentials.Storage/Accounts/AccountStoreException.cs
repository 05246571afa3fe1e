namespace Credentials.Storage.Accounts;

/// <summary>
/// The account store cannot do what was asked, in one line for an operator: the database unusable (named, never with
/// a password), an unknown key, a key already revoked, a value out of bounds.
/// </summary>
public sealed class AccountStoreException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public AccountStoreException(string message)
        : base(message)
    {
    }

    /// <summary>A failure without a description.</summary>
    public AccountStoreException()
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public AccountStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
