namespace Credentials.Scanning;

/// <summary>
/// An input that holds QR texts to verify: one for <see cref="InputKind.QrText"/>, every distinct code found for a
/// PNG or JPEG image or a PDF (in page order). A text read from a QR code is handed on as the code holds it, Base45
/// or not: the code is the document presented, and the verifier's decode step judges it.
/// </summary>
public sealed class QrCodeInput : VerifierInput
{
    internal QrCodeInput(InputKind kind, IReadOnlyList<string> qrTexts)
        : base(kind) => QrTexts = qrTexts;

    /// <summary>The QR texts, at least one. They are personal data: never log them.</summary>
    public IReadOnlyList<string> QrTexts { get; }
}
