using Credentials.Labels;

namespace Credentials.Revocation;

public enum RevocationListProblem
{
    Malformed,
    BadlySigned,
}

/// <summary>A revocation list that cannot be used, with the reason (<see cref="Text"/>, in any language; <see cref="Exception.Message"/> is its English).</summary>
public sealed class RevocationListException : Exception
{
    public RevocationListException(RevocationListProblem problem, MessageText text)
        : base((text ?? throw new ArgumentNullException(nameof(text))).ToString())
    {
        Problem = problem;
        Text = text;
    }

    public RevocationListException()
    {
        Text = MessageText.Untranslated(Message);
    }

    public RevocationListException(string message)
        : base(message)
    {
        Text = MessageText.Untranslated(message);
    }

    public RevocationListException(string message, Exception innerException)
        : base(message, innerException)
    {
        Text = MessageText.Untranslated(message);
    }

    public RevocationListProblem Problem { get; }

    /// <summary>The reason, to be rendered in any language.</summary>
    public MessageText Text { get; }
}
