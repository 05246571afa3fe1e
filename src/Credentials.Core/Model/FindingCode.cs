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
    TreatmentDateBefore1900,
    TreatmentDateInFuture,

    // Step 2: decode (spec §3, §5 step 2).
    QrTextEmpty,
    QrTextTooLong,
    NotBase45,
    NotZlib,
    InflatedTooLarge,
    NotJws,
    HeaderNotJson,
    PayloadNotJson,
    DuplicateMember,

    // Step 3: validate (spec §2, §5 step 3).
    SchemaViolation,
    UnknownSchemaId,
    UnsupportedAlgorithm,
    BadKid,
    BadHeader,
    CountryAlias,

    // Step 4: resolve the key and check the signature (spec §5 step 4).
    KeyNotResolved,
    KeyNotLinkedToAuthenticSource,
    KeyAmbiguous,
    AlgorithmKeyMismatch,
    SignatureInvalid,
    TrustDataStale,
    TrustDataTooOld,
    TrustDataAgeUnknown,
    TrustDataExpired,

    // Step 5: business checks (spec §2 business rules, §5 step 5).
    CertificateNotValidOnIssueDate,
    NotAccreditedOnIssueDate,
    EntitlementOutsideAccreditation,
    DateOfBirthAfterStart,
    StartAfterEnd,
    StartAfterIssue,
    IssueAfterEnd,
    CardExpiresBeforeEnd,
    InstitutionTextTooLong,
    CardNumberNotDigits,
    InstitutionIdNotDigits,
    NationalNumberInvalid,
    ValidityTooLong,

    // Step 6: revocation (spec §5 step 6).
    RevocationReferenceMissing,
    RevocationListUnavailable,
    RevocationNotChecked,
    Revoked,
    Suspended,

    // Step 7: treatment date within the entitlement (spec §5 step 7).
    TreatmentBeforeEntitlement,
    TreatmentAfterEntitlement,

    // Issuance only.
    RequestNotJson,
    ControlCharacter,
    KeyDoesNotMatchCertificate,
    KeyNotAllowed,
}
