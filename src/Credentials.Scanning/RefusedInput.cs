namespace Credentials.Scanning;

/// <summary>An input that gives nothing to verify, with the reason as a code and as one line for people.</summary>
public sealed class RefusedInput : VerifierInput
{
    internal RefusedInput(InputKind kind, InputRefusal refusal, string reason)
        : base(kind)
    {
        Refusal = refusal;
        Reason = reason;
    }

    /// <summary>Why the input was refused.</summary>
    public InputRefusal Refusal { get; }

    /// <summary>One line that says what is wrong and what to give instead; it never quotes the input.</summary>
    public string Reason { get; }
}
