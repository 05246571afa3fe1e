using Credentials.Labels;

namespace Credentials.Revocation;

/// <summary>Why a revocation list cannot be used: a verifier reports either as step 6 N/A, an issuer refuses to add to the list.</summary>
public enum RevocationListProblem
{
    /// <summary>The list is not in its format (not a JWS, too large, not UTF-8, a member missing or of the wrong type).</summary>
    Malformed,

    /// <summary>The list's signature does not verify, or its signer or <c>iss</c> is not the institution it must be for.</summary>
    BadlySigned,
}

/// <summary>A revocation list that cannot be used, with the reason (<see cref="Text"/>, in any language; <see cref="Exception.Message"/> is its English).</summary>
public sealed class RevocationListException : Exception
{
    /// <summary>A list that cannot be used, with the problem and the reason in any language.</summary>
    public RevocationListException(RevocationListProblem problem, MessageText text)
        : base((text ?? throw new ArgumentNullException(nameof(text))).ToString())
    {
        Problem = problem;
        Text = text;
    }

    /// <summary>The standard constructor (CA1032); the library always gives the problem and the reason.</summary>
    public RevocationListException()
    {
        Text = MessageText.Untranslated(Message);
    }

    /// <summary>The standard constructor (CA1032): a malformed list, with the message as given.</summary>
    public RevocationListException(string message)
        : base(message)
    {
        Text = MessageText.Untranslated(message);
    }

    /// <summary>The standard constructor (CA1032): a malformed list, with the message and its cause.</summary>
    public RevocationListException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = MessageText.Untranslated(message);
    }

    /// <summary>Which way the list failed, for a caller that treats a forged list differently from a damaged one.</summary>
    public RevocationListProblem Problem { get; }

    /// <summary>The reason, to be rendered in any language.</summary>
    public MessageText Text { get; }
}
