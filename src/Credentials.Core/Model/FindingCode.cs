namespace Credentials.Model;

/// <summary>
/// Every code a finding, a decode failure or a verification step can carry. One closed list, so a caller can
/// switch on it and a report can be diagnosed without reading messages. Its wire name (e.g. <c>NOT_BASE_45</c>), the
/// step that reports it and its default message are data: the table in <c>Model/finding-codes.json</c>
/// (<see cref="FindingCodeNames"/>), the same in every language.
/// </summary>
public enum FindingCode
{
    // Step 1: treatment date (spec §5 step 1).
    /// <summary>The treatment date is before 1900-01-01, the earliest the verifier accepts (spec §5 step 1).</summary>
    TreatmentDateBefore1900,

    /// <summary>The treatment date is after today in the verifier's time zone (spec §5 step 1).</summary>
    TreatmentDateInFuture,

    // Step 2: decode (spec §3, §5 step 2).
    /// <summary>The QR text is empty.</summary>
    QrTextEmpty,

    /// <summary>The QR text is longer than any QR code can hold: refused before it is decoded.</summary>
    QrTextTooLong,

    /// <summary>The QR text is not Base45 (RFC 9285): a character outside the alphabet, a dangling character, or a triple above 65535.</summary>
    NotBase45,

    /// <summary>The Base45 bytes are not a zlib stream (RFC 1950) as the ePRC uses it: bad header, corrupt data, checksum, trailing bytes or a preset dictionary.</summary>
    NotZlib,

    /// <summary>The zlib stream inflates to more than a token can be: refused, against compression bombs.</summary>
    InflatedTooLarge,

    /// <summary>The inflated data is not a JWS in compact serialization (RFC 7515 §7.1): not ASCII, not three base64url parts.</summary>
    NotJws,

    /// <summary>The JWS header is not a JSON object.</summary>
    HeaderNotJson,

    /// <summary>The JWS payload is not a JSON object.</summary>
    PayloadNotJson,

    /// <summary>A JSON member appears twice in the header or the payload: refused (RFC 7515 §4 for header names), so no reader can see another value than the one signed. Reported at step 3 by the code table.</summary>
    DuplicateMember,

    // Step 3: validate (spec §2, §5 step 3).
    /// <summary>The payload breaks its schema: a member missing, not allowed, of the wrong type, too long or in the wrong format.</summary>
    SchemaViolation,

    /// <summary>The payload's <c>sid</c> names a schema this verifier does not know.</summary>
    UnknownSchemaId,

    /// <summary>The header's <c>alg</c> is not ES256 or RS256 (spec §2): never <c>none</c>, HMAC or anything else.</summary>
    UnsupportedAlgorithm,

    /// <summary>The header's <c>kid</c> is not <c>EESSI:x5t#S256:</c> and the canonical base64url of a SHA-256 digest (spec §2).</summary>
    BadKid,

    /// <summary>The header holds a member the verifier does not accept (e.g. a <c>typ</c> other than JWT, or <c>crit</c>).</summary>
    BadHeader,

    /// <summary>The issuing country is written <c>EL</c>; the schema writes Greece as <c>GR</c>, and it is read as <c>GR</c> (a warning).</summary>
    CountryAlias,

    // Step 4: resolve the key and check the signature (spec §5 step 4).
    /// <summary>No institution in the trust registry has a certificate with the <c>kid</c>'s thumbprint (spec §5 step 4).</summary>
    KeyNotResolved,

    /// <summary>The certificate is known, but the registry links it only to other institutions than the document's authentic source.</summary>
    KeyNotLinkedToAuthenticSource,

    /// <summary>The registry lists the institution or the certificate more than once, in conflicting ways: no single key to verify with.</summary>
    KeyAmbiguous,

    /// <summary>The certificate's key does not fit the header's algorithm (e.g. an RSA key for ES256, an EC key off P-256, RSA under 2048 bits).</summary>
    AlgorithmKeyMismatch,

    /// <summary>The signature does not verify with the registry's certificate: the token was changed or signed by another key.</summary>
    SignatureInvalid,

    /// <summary>The trust data is older than the 24 hours the EC specification allows a cache (spec §5, "Offline"): a warning.</summary>
    TrustDataStale,

    /// <summary>The trust data is older than the verifier's <see cref="Verification.VerifierOptions.MaxTrustDataAge"/>: no key is resolved and the document is not approved.</summary>
    TrustDataTooOld,

    /// <summary>The trust data carries no date (a resolver list) and the caller stated none: its age is unknown, said as a warning, never taken as fresh.</summary>
    TrustDataAgeUnknown,

    /// <summary>The trust data is past its signed next update (a snapshot's <c>nextUpdate</c>): no key is resolved.</summary>
    TrustDataExpired,

    // Step 5: business checks (spec §2 business rules, §5 step 5).
    /// <summary>The signing certificate was not valid on the date of issuance, comparing dates (spec §5 step 5).</summary>
    CertificateNotValidOnIssueDate,

    /// <summary>The issuer was not accredited for the document's portable document (<c>EHIC</c>) on the date of issuance.</summary>
    NotAccreditedOnIssueDate,

    /// <summary>The period the document covers does not lie inside one accreditation period of its issuer.</summary>
    EntitlementOutsideAccreditation,

    /// <summary>The holder is born after the first day the document covers (<c>dob &lt;= sd</c>, spec §2; a 00 day or month counts as 01).</summary>
    DateOfBirthAfterStart,

    /// <summary>The entitlement starts after it ends (<c>sd &lt;= ed</c>, spec §2).</summary>
    StartAfterEnd,

    /// <summary>The entitlement starts after the date of issuance (<c>sd &lt;= di</c>, spec §2).</summary>
    StartAfterIssue,

    /// <summary>The document was issued after its entitlement or validity ends (<c>di &lt;= ed</c>, spec §2; for a card, issued after expiry).</summary>
    IssueAfterEnd,

    /// <summary>The card expires before the entitlement ends (<c>xd &gt;= ed</c>, spec §2).</summary>
    CardExpiresBeforeEnd,

    /// <summary>The institution id and name together exceed 25 characters (spec §2, a warning: field 7 is printed as "ii - in").</summary>
    InstitutionTextTooLong,

    /// <summary>The card number holds other characters than digits (spec §2, a warning).</summary>
    CardNumberNotDigits,

    /// <summary>The institution id holds other characters than digits (spec §2, a warning: EESSI ids may hold letters).</summary>
    InstitutionIdNotDigits,

    /// <summary>An ISI+ national number is not a valid INSZ/NISS or BIS number, or disagrees with the holder's date of birth (specs/isi-token.md). Reported at step 3 by the code table.</summary>
    NationalNumberInvalid,

    /// <summary>An ISI+ card is valid past 31 December of the tenth year after its issue (specs/isi-token.md).</summary>
    ValidityTooLong,

    // Step 6: revocation (spec §5 step 6).
    /// <summary>The token has no <c>jti</c> and <c>rid</c> pair, so there is no revocation list to check: step 6 is WARNING (spec §7).</summary>
    RevocationReferenceMissing,

    /// <summary>The revocation list at <c>rid</c> could not be used (unreachable, too large, stale, badly signed, malformed): step 6 is N/A.</summary>
    RevocationListUnavailable,

    /// <summary>The verifier chose not to check the status (offline): step 6 is N/A.</summary>
    RevocationNotChecked,

    /// <summary>The list says the document is revoked: rejected.</summary>
    Revoked,

    /// <summary>The list says the document is suspended (it may be reinstated): rejected while it is.</summary>
    Suspended,

    // Step 7: treatment date within the entitlement (spec §5 step 7).
    /// <summary>The treatment date is before the first day the document covers (spec §5 step 7).</summary>
    TreatmentBeforeEntitlement,

    /// <summary>The treatment date is after the last day the document covers (spec §5 step 7).</summary>
    TreatmentAfterEntitlement,

    // Issuance only.
    /// <summary>An issuance request is not JSON, or not the JSON object a request is.</summary>
    RequestNotJson,

    /// <summary>A text holds a control character, which cannot be printed on the form; nothing unprintable is signed or shown. Reported at step 3 by the code table.</summary>
    ControlCharacter,

    /// <summary>The signing key given to the issuer is not the key of its certificate.</summary>
    KeyDoesNotMatchCertificate,

    /// <summary>The signing key is not allowed: not EC P-256 or RSA of at least 2048 bits (spec §2).</summary>
    KeyNotAllowed,
}
