namespace Credentials.Host.Verify;

/// <summary>Why a verify request gives no report: each is an RFC 9457 problem type with its HTTP status.</summary>
internal enum VerifyProblem
{
    /// <summary>Nothing was sent.</summary>
    EmptyInput,

    /// <summary>Both the QR text and a file were sent: which one to verify is not guessed.</summary>
    TwoInputs,

    /// <summary>More bytes than accepted, or an image past its pixel bound.</summary>
    TooLarge,

    /// <summary>A kind of input that is not verified here (a GIF, a ZIP, JSON, an SD-JWT presentation while wallets are not verified …).</summary>
    UnsupportedInput,

    /// <summary>The token itself instead of its QR text, image or PDF.</summary>
    CompactJws,

    /// <summary>An image or PDF that is cut short, broken or protected by a password.</summary>
    Unreadable,

    /// <summary>An image or PDF that holds no QR code.</summary>
    NoQrCode,

    /// <summary>An image or PDF with more QR codes than one request verifies.</summary>
    TooManyCodes,

    /// <summary>A treatment date that is not a date written YYYY-MM-DD.</summary>
    BadTreatmentDate,

    /// <summary>A language that has no labels.</summary>
    BadLanguage,

    /// <summary>A form without its antiforgery token, or with one that does not match.</summary>
    BadForm,

    /// <summary>The key-binding nonce sent is not one this host gave, has expired, or was used already.</summary>
    BadNonce,

    /// <summary>A form of the report the input has not (the PDF export of a wallet presentation).</summary>
    FormNotOffered,

    /// <summary>The body ended before the length the request announced (the client went away or cut it short).</summary>
    IncompleteBody,
}
