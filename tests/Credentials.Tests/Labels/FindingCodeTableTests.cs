using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Tests.Labels;

/// <summary>The finding code table (src/Credentials.Core/Model/finding-codes.json): one row per code, wire names stable, each with its step and default message.</summary>
public sealed class FindingCodeTableTests
{
    /// <summary>The wire names every release has written (exports, reports): a change here breaks readers of our exports.</summary>
    public static TheoryData<FindingCode, string> WireNames => new()
    {
        { FindingCode.TreatmentDateBefore1900, "TREATMENT_DATE_BEFORE_1900" }, { FindingCode.TreatmentDateInFuture, "TREATMENT_DATE_IN_FUTURE" },
        { FindingCode.QrTextEmpty, "QR_TEXT_EMPTY" }, { FindingCode.QrTextTooLong, "QR_TEXT_TOO_LONG" }, { FindingCode.NotBase45, "NOT_BASE_45" },
        { FindingCode.NotZlib, "NOT_ZLIB" }, { FindingCode.InflatedTooLarge, "INFLATED_TOO_LARGE" }, { FindingCode.NotJws, "NOT_JWS" },
        { FindingCode.HeaderNotJson, "HEADER_NOT_JSON" }, { FindingCode.PayloadNotJson, "PAYLOAD_NOT_JSON" }, { FindingCode.DuplicateMember, "DUPLICATE_MEMBER" },
        { FindingCode.SchemaViolation, "SCHEMA_VIOLATION" }, { FindingCode.UnknownSchemaId, "UNKNOWN_SCHEMA_ID" }, { FindingCode.UnsupportedAlgorithm, "UNSUPPORTED_ALGORITHM" },
        { FindingCode.BadKid, "BAD_KID" }, { FindingCode.BadHeader, "BAD_HEADER" }, { FindingCode.CountryAlias, "COUNTRY_ALIAS" },
        { FindingCode.KeyNotResolved, "KEY_NOT_RESOLVED" }, { FindingCode.KeyNotLinkedToAuthenticSource, "KEY_NOT_LINKED_TO_AUTHENTIC_SOURCE" },
        { FindingCode.KeyAmbiguous, "KEY_AMBIGUOUS" }, { FindingCode.AlgorithmKeyMismatch, "ALGORITHM_KEY_MISMATCH" }, { FindingCode.SignatureInvalid, "SIGNATURE_INVALID" },
        { FindingCode.TrustDataStale, "TRUST_DATA_STALE" }, { FindingCode.TrustDataTooOld, "TRUST_DATA_TOO_OLD" }, { FindingCode.TrustDataAgeUnknown, "TRUST_DATA_AGE_UNKNOWN" },
        { FindingCode.TrustDataExpired, "TRUST_DATA_EXPIRED" }, { FindingCode.CertificateNotValidOnIssueDate, "CERTIFICATE_NOT_VALID_ON_ISSUE_DATE" },
        { FindingCode.NotAccreditedOnIssueDate, "NOT_ACCREDITED_ON_ISSUE_DATE" }, { FindingCode.EntitlementOutsideAccreditation, "ENTITLEMENT_OUTSIDE_ACCREDITATION" },
        { FindingCode.DateOfBirthAfterStart, "DATE_OF_BIRTH_AFTER_START" }, { FindingCode.StartAfterEnd, "START_AFTER_END" }, { FindingCode.StartAfterIssue, "START_AFTER_ISSUE" },
        { FindingCode.IssueAfterEnd, "ISSUE_AFTER_END" }, { FindingCode.CardExpiresBeforeEnd, "CARD_EXPIRES_BEFORE_END" }, { FindingCode.InstitutionTextTooLong, "INSTITUTION_TEXT_TOO_LONG" },
        { FindingCode.CardNumberNotDigits, "CARD_NUMBER_NOT_DIGITS" }, { FindingCode.InstitutionIdNotDigits, "INSTITUTION_ID_NOT_DIGITS" },
        { FindingCode.NationalNumberInvalid, "NATIONAL_NUMBER_INVALID" }, { FindingCode.ValidityTooLong, "VALIDITY_TOO_LONG" },
        { FindingCode.RevocationReferenceMissing, "REVOCATION_REFERENCE_MISSING" }, { FindingCode.RevocationListUnavailable, "REVOCATION_LIST_UNAVAILABLE" },
        { FindingCode.RevocationNotChecked, "REVOCATION_NOT_CHECKED" }, { FindingCode.Revoked, "REVOKED" }, { FindingCode.Suspended, "SUSPENDED" },
        { FindingCode.TreatmentBeforeEntitlement, "TREATMENT_BEFORE_ENTITLEMENT" }, { FindingCode.TreatmentAfterEntitlement, "TREATMENT_AFTER_ENTITLEMENT" },
        { FindingCode.RequestNotJson, "REQUEST_NOT_JSON" }, { FindingCode.ControlCharacter, "CONTROL_CHARACTER" },
        { FindingCode.KeyDoesNotMatchCertificate, "KEY_DOES_NOT_MATCH_CERTIFICATE" }, { FindingCode.KeyNotAllowed, "KEY_NOT_ALLOWED" },
    };

    [Theory]
    [MemberData(nameof(WireNames))]
    public void Every_code_keeps_its_wire_name_and_reads_back_from_it(FindingCode code, string wireName)
    {
        Assert.Equal(wireName, code.ToWireName());
        Assert.True(FindingCodeNames.TryParse(wireName, out var read));
        Assert.Equal(code, read);
    }

    [Fact]
    public void Every_code_has_exactly_one_row_and_every_row_a_distinct_wire_name()
    {
        Assert.Equal(Enum.GetValues<FindingCode>().Order(), FindingCodeNames.All.Select(row => row.Code).Order());
        Assert.Equal(WireNames.Count, Enum.GetValues<FindingCode>().Length);
        Assert.Equal(FindingCodeNames.All.Count, FindingCodeNames.All.Select(row => row.WireName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(FindingCodeNames.All, row => Assert.Matches("^[A-Z][A-Z0-9_]*$", row.WireName));
        Assert.False(FindingCodeNames.TryParse("not_base_45", out _));
    }

    [Fact]
    public void Every_code_has_a_step_of_the_verifier_or_none_and_a_default_message_in_every_language_without_placeholders()
    {
        foreach (var row in FindingCodeNames.All)
        {
            Assert.True(row.Step is null or (>= 1 and <= 7), $"{row.WireName}: step {row.Step}");
            Assert.True(MessageCatalog.English.Contains(row.MessageKey), $"{row.WireName}: no message '{row.MessageKey}'");
            Assert.Empty(MessageCatalog.English.Placeholders(row.MessageKey));
            foreach (var language in MessageCatalog.Languages)
            {
                Assert.False(string.IsNullOrWhiteSpace(MessageCatalog.Get(language).Describe(row.Code)));
            }
        }

        Assert.Equal("the QR text is not Base45 (RFC 9285).", MessageCatalog.English.Describe(FindingCode.NotBase45));
        Assert.Equal("das Dokument ist widerrufen.", MessageCatalog.Get("de").Describe(FindingCode.Revoked));
    }
}
