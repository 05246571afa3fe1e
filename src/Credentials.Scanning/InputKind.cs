namespace Credentials.Scanning;

/// <summary>What the bytes handed to a verifier are, recognised from their content (never from a file name).</summary>
public enum InputKind
{
    /// <summary>Nothing, or only white space.</summary>
    Empty,

    /// <summary>The QR text of a document: Base45 (RFC 9285), what the QR code holds.</summary>
    QrText,

    /// <summary>A PNG image (ISO/IEC 15948), read for its QR codes.</summary>
    PngImage,

    /// <summary>A JPEG image (ITU-T T.81), read for its QR codes.</summary>
    JpegImage,

    /// <summary>A PDF (PDF 32000-1), read for the QR codes in its images.</summary>
    Pdf,

    /// <summary>A compact JWS (RFC 7515 §7.1): the token itself, not its QR text.</summary>
    CompactJws,

    /// <summary>An SD-JWT presentation (RFC 9901 §4): the issuer-signed JWT, its disclosures and a key-binding JWT, <c>~</c>-separated.</summary>
    SdJwtPresentation,

    /// <summary>
    /// Text that is none of the above: mostly characters outside the Base45 alphabet (or too short to be QR text
    /// with a few wrong characters), and not a token. Refused as unsupported rather than handed to the verifier: see
    /// <see cref="VerifierInput.Read"/>.
    /// </summary>
    OtherText,

    /// <summary>A JSON text (RFC 8259), such as a verification export or a registry file.</summary>
    Json,

    /// <summary>An HTML page.</summary>
    Html,

    /// <summary>An XML document other than SVG or XHTML.</summary>
    Xml,

    /// <summary>An SVG image (as <c>credentials issue --out-svg</c> writes): vector paths, not pixels to read.</summary>
    SvgImage,

    /// <summary>A GIF image.</summary>
    GifImage,

    /// <summary>A Windows bitmap (BMP).</summary>
    BmpImage,

    /// <summary>A TIFF image (classic or BigTIFF).</summary>
    TiffImage,

    /// <summary>A WebP image.</summary>
    WebPImage,

    /// <summary>An HEIC/HEIF image (ISO/IEC 23008-12), as phone cameras save photos.</summary>
    HeicImage,

    /// <summary>An AVIF image.</summary>
    AvifImage,

    /// <summary>A ZIP archive (also DOCX, ODT and other office files).</summary>
    ZipArchive,

    /// <summary>Bytes that are not text and not a format recognised here.</summary>
    Binary,
}
