namespace Credentials.Scanning;

/// <summary>An SD-JWT presentation (RFC 9901 §4), for the wallet verifier rather than the QR one.</summary>
public sealed class SdJwtPresentationInput : VerifierInput
{
    internal SdJwtPresentationInput(string presentation)
        : base(InputKind.SdJwtPresentation) => Presentation = presentation;

    /// <summary>The presentation, white space trimmed. It is personal data: never log it.</summary>
    public string Presentation { get; }
}
