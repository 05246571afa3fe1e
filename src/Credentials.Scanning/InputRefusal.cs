namespace Credentials.Scanning;

/// <summary>Why an input gives nothing to verify.</summary>
public enum InputRefusal
{
    /// <summary>The input is empty.</summary>
    Empty,

    /// <summary>The input is larger than its kind can be (<see cref="VerifierInput.MaxBytes"/>, <see cref="VerifierInput.MaxTextBytes"/>), or an image in it is past a pixel bound.</summary>
    TooLarge,

    /// <summary>A kind of input this verifier does not read (<see cref="VerifierInput.Kind"/> says which).</summary>
    Unsupported,

    /// <summary>The token itself was given instead of its QR text, image or PDF.</summary>
    CompactJws,

    /// <summary>An image or PDF that is cut short, broken, or protected by a password.</summary>
    Unreadable,

    /// <summary>An image or PDF that was read and holds no QR code.</summary>
    NoQrCode,
}
