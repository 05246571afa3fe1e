namespace Credentials.Verification;

/// <summary>What a verifier was handed, as export schema 2.0 names it (<c>input.kind</c>).</summary>
public enum ExportInputKind
{
    /// <summary>The QR text itself (Base45).</summary>
    QrText,

    /// <summary>A PNG or JPEG image of a QR code.</summary>
    Image,

    /// <summary>A PDF whose images hold the QR code.</summary>
    Pdf,

    /// <summary>An SD-JWT VC presentation (RFC 9901 §4) from a wallet.</summary>
    SdJwtVcPresentation,
}

/// <summary>The wire names of <see cref="ExportInputKind"/>.</summary>
public static class ExportInputKindNames
{
    /// <summary><c>qr-text</c>, <c>image</c>, <c>pdf</c> or <c>sd-jwt-vc</c>, as schema 2.0 writes them.</summary>
    public static string ToWireName(this ExportInputKind kind) => kind switch
    {
        ExportInputKind.QrText => "qr-text",
        ExportInputKind.Image => "image",
        ExportInputKind.Pdf => "pdf",
        ExportInputKind.SdJwtVcPresentation => "sd-jwt-vc",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
