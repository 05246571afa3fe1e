namespace Credentials.Revocation;

public enum RevocationListProblem
{
    Malformed,
    BadlySigned,
}

/// <summary>A revocation list that cannot be used, with the reason.</summary>
public sealed class RevocationListException : Exception
{
    public RevocationListException(RevocationListProblem problem, string message)
        : base(message) => Problem = problem;

    public RevocationListException()
    {
    }

    public RevocationListException(string message)
        : base(message)
    {
    }

    public RevocationListException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RevocationListProblem Problem { get; }
}
