namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The steps of verifying a wallet presentation, in the order they run: RFC 9901 §7.1 and §7.3 (decode, signature,
/// Disclosures, validity, Key Binding), then the document's own layers and its status, as the QR path has them.
/// Titles: <see cref="WalletMessages.Title"/>.
/// </summary>
public enum WalletVerificationStep
{
    /// <summary>The text is an SD-JWT of one of our types, with an accepted <c>typ</c>.</summary>
    Decode = 1,

    /// <summary>The <c>x5c</c> leaf is a certificate the registry links to <c>authentic_source.id</c>, valid at <c>iat</c>; the signature verifies.</summary>
    SignatureAndTrust = 2,

    /// <summary>Every Disclosure is well formed and referenced once (RFC 9901 §7.1 steps 3–5).</summary>
    Disclosures = 3,

    /// <summary><c>nbf</c>, <c>exp</c> (and <c>iat</c>) against now (RFC 9901 §7.1 step 6).</summary>
    TechnicalValidity = 4,

    /// <summary>The Key Binding JWT, as the verifier's policy requires (RFC 9901 §7.3).</summary>
    KeyBinding = 5,

    /// <summary>The type's claims read into the document's fields and rules; the institution's accreditation.</summary>
    Claims = 6,

    /// <summary><c>date_of_issuance</c> and <c>date_of_expiry</c>: issued by today, not expired on the treatment date.</summary>
    DocumentValidity = 7,

    /// <summary>The treatment date within <c>starting_date</c>..<c>ending_date</c>.</summary>
    Coverage = 8,

    /// <summary><c>status.status_list</c> through the status seam.</summary>
    Status = 9,

    /// <summary>Approved or rejected.</summary>
    Conclusion = 10,
}

/// <summary>The stable names of the steps, as export schema 2.0 writes them.</summary>
public static class WalletVerificationStepNames
{
    /// <summary>The step's stable name, e.g. <c>signature-and-trust</c> (specs/verification-export.md).</summary>
    public static string ToWireName(this WalletVerificationStep step) => step switch
    {
        WalletVerificationStep.Decode => "decode",
        WalletVerificationStep.SignatureAndTrust => "signature-and-trust",
        WalletVerificationStep.Disclosures => "disclosures",
        WalletVerificationStep.TechnicalValidity => "technical-validity",
        WalletVerificationStep.KeyBinding => "key-binding",
        WalletVerificationStep.Claims => "claims",
        WalletVerificationStep.DocumentValidity => "document-validity",
        WalletVerificationStep.Coverage => "coverage",
        WalletVerificationStep.Status => "status",
        WalletVerificationStep.Conclusion => "conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
