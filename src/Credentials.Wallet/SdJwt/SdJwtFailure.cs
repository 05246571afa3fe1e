namespace Credentials.Wallet.SdJwt;

/// <summary>Why an SD-JWT was refused: the rule's code and a one-line message that names no claim value.</summary>
/// <param name="Code">The rule that failed.</param>
/// <param name="Message">What was wrong, in one line, without personal data.</param>
public sealed record SdJwtFailure(SdJwtError Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
