namespace Credentials.Model;

/// <summary>
/// Every code a finding, a decode failure or a verification step can carry. One closed list, so a caller can
/// switch on it and a report can be diagnosed without reading messages. Written on the wire in
/// SCREAMING_SNAKE_CASE (<see cref="FindingCodeNames.ToWireName"/>).
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

public static class FindingCodeNames
{
    private static readonly string[] WireNames = Enum.GetValues<FindingCode>().Select(ToSnake).ToArray();

    /// <summary>The code as written in exports and messages, e.g. <c>NOT_BASE45</c>.</summary>
    public static string ToWireName(this FindingCode code) => WireNames[(int)code];

    private static string ToSnake(FindingCode code)
    {
        var name = code.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary || (i > 0 && char.IsDigit(c) && !char.IsDigit(name[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }
}
