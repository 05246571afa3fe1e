namespace Credentials.Signing.Pkcs11;

/// <summary>
/// A PKCS#11 signer that could not be opened or could not sign, with a one-line message that names what is wrong
/// (the module, the token or key label, the PKCS#11 return value) and never the PIN.
/// </summary>
public sealed class Pkcs11SignerException : Exception
{
    /// <summary>A failure of kind <paramref name="problem"/>, explained by <paramref name="message"/>.</summary>
    public Pkcs11SignerException(Pkcs11Problem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>A failure of unknown kind (reported as <see cref="Pkcs11Problem.TokenFailure"/>).</summary>
    public Pkcs11SignerException()
        : this(Pkcs11Problem.TokenFailure, "the PKCS#11 token failed.")
    {
    }

    /// <summary>A failure of unknown kind (reported as <see cref="Pkcs11Problem.TokenFailure"/>) with its message.</summary>
    public Pkcs11SignerException(string message)
        : this(Pkcs11Problem.TokenFailure, message)
    {
    }

    /// <summary>A failure of unknown kind (reported as <see cref="Pkcs11Problem.TokenFailure"/>) with its message and cause.</summary>
    public Pkcs11SignerException(string message, Exception innerException)
        : this(Pkcs11Problem.TokenFailure, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public Pkcs11Problem Problem { get; }
}
