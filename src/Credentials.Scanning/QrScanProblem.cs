namespace Credentials.Scanning;

/// <summary>Why no QR text could be read from an image or a PDF.</summary>
public enum QrScanProblem
{
    /// <summary>The file is not in a format this reader decodes.</summary>
    UnsupportedFormat,

    /// <summary>The file, an image's pixel count, or the number of images searched is past its bound.</summary>
    TooLarge,

    /// <summary>The file is cut short or its structure is broken.</summary>
    Damaged,

    /// <summary>The file was read and holds no QR code.</summary>
    NoQrCodeFound,
}
