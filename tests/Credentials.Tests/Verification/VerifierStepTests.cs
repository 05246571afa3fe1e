using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Tests.Verification;

/// <summary>Each rule of the eight steps (spec §5), broken one at a time: the expected step and code.</summary>
public sealed class VerifierStepTests : IDisposable
{
    private static readonly DateOnly Treatment = new(2026, 6, 15);
    private readonly Scenario scenario = Scenario.Es256();

    private VerificationReport Verify(string qr, DateOnly? treatment = null, ITrustRegistry? registry = null) =>
        scenario.Verifier(registry).Verify(qr, treatment ?? Treatment);

    private VerificationReport VerifyPayload(Action<JsonObject> change)
    {
        var payload = Scenario.ValidPayload();
        change(payload);
        return Verify(scenario.ForgeQr(payload));
    }

    [Fact]
    public void A_valid_document_is_approved_and_every_step_is_reported_in_order()
    {
        var report = Verify(scenario.IssueValid().QrText);
        ReportAssert.Approved(report);
        Assert.Equal(Enumerable.Range(1, 8), report.Steps.Select(s => (int)s.Step));
        Assert.Equal(Treatment, report.TreatmentDate);
        Assert.Equal(scenario.Clock.GetUtcNow(), report.VerifiedAt);
    }

    // Step 1.
    [Fact]
    public void A_treatment_date_after_today_is_rejected_at_step_1() =>
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, Scenario.Today.AddDays(1)), VerificationStep.TreatmentDate, FindingCode.TreatmentDateInFuture);

    [Fact]
    public void A_treatment_date_before_1900_is_rejected_at_step_1() =>
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, new DateOnly(1899, 12, 31)), VerificationStep.TreatmentDate, FindingCode.TreatmentDateBefore1900);

    [Fact]
    public void The_treatment_date_defaults_to_today_on_the_injected_clock()
    {
        var report = scenario.Verifier().Verify(scenario.IssueValid().QrText);
        Assert.Equal(Scenario.Today, report.TreatmentDate);
        ReportAssert.Approved(report);
    }

    // Step 2.
    [Theory]
    [InlineData("", FindingCode.QrTextEmpty)]
    [InlineData("hello world", FindingCode.NotBase45)]
    [InlineData("A", FindingCode.NotBase45)]
    [InlineData("GGW", FindingCode.NotBase45)]
    [InlineData("UJCLQE7W581", FindingCode.NotZlib)]
    public void Text_that_is_not_an_ePRC_fails_at_step_2_with_the_stage_that_broke(string qr, FindingCode code) =>
        ReportAssert.RejectedAt(Verify(qr), VerificationStep.Decode, code);

    [Fact]
    public void Zlib_data_that_is_not_a_JWS_fails_as_not_a_JWS() =>
        ReportAssert.RejectedAt(Verify(TokenForge.QrText("not.a-jws")), VerificationStep.Decode, FindingCode.NotJws);

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"sid\":\"eessi:prc:1.0\"} {}")]
    [InlineData("{\"prc\":{\"fn\":[[[1]]]}}")]
    public void A_JWS_whose_payload_is_not_one_JSON_object_fails_at_step_2(string payload)
    {
        var token = TokenForge.B64("""{"alg":"ES256"}"""u8.ToArray()) + "." + TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(payload)) + "." + TokenForge.B64(new byte[64]);
        ReportAssert.RejectedAt(Verify(TokenForge.QrText(token)), VerificationStep.Decode, FindingCode.PayloadNotJson);
    }

    [Theory]
    [InlineData("{\"alg\":")]
    [InlineData("[\"ES256\"]")]
    [InlineData("{\"alg\":\"ES256\"}x")]
    public void A_JWS_whose_header_is_not_one_JSON_object_fails_at_step_2(string header)
    {
        var token = TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(header)) + "." + TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(Scenario.ValidPayload().ToJsonString())) + "." + TokenForge.B64(new byte[64]);
        ReportAssert.RejectedAt(Verify(TokenForge.QrText(token)), VerificationStep.Decode, FindingCode.HeaderNotJson);
    }

    [Fact]
    public void Text_longer_than_any_QR_code_holds_is_refused_without_decoding() =>
        ReportAssert.RejectedAt(Verify(new string('A', 4297)), VerificationStep.Decode, FindingCode.QrTextTooLong);

    // Step 3: the algorithm allow-list.
    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("PS256")]
    [InlineData("ES384")]
    [InlineData("es256")]
    public void An_algorithm_outside_the_allow_list_is_rejected_at_step_3(string alg)
    {
        var qr = scenario.ForgeQr(Scenario.ValidPayload(), TokenForge.Header(alg, scenario.Kid));
        ReportAssert.RejectedAt(Verify(qr), VerificationStep.Validate, FindingCode.UnsupportedAlgorithm);
    }

    [Fact]
    public void An_unsigned_token_with_alg_none_and_no_signature_is_not_a_JWS_we_accept()
    {
        var token = TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(TokenForge.Header("none", scenario.Kid))) + "." + TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(Scenario.ValidPayload().ToJsonString())) + ".";
        var report = Verify(TokenForge.QrText(token));
        Assert.False(report.IsApproved);
        Assert.Equal(VerificationStep.Decode, report.FailedStep!.Step);
    }

    [Fact]
    public void An_algorithm_that_does_not_match_the_key_type_is_rejected_at_step_4()
    {
        // RS256 in the header, an EC key in the registry: the allow-list passes, the key check does not.
        var qr = scenario.ForgeQr(Scenario.ValidPayload(), TokenForge.Header("RS256", scenario.Kid));
        ReportAssert.RejectedAt(Verify(qr), VerificationStep.ResolveKey, FindingCode.AlgorithmKeyMismatch);
    }

    [Theory]
    [InlineData("x5t#S256:abc")]
    [InlineData("EESSI:x5t#S256:")]
    [InlineData("EESSI:x5t#S256:k9dYaQGljm0xJRAkbMbGUc3KTs8w+7Yr8/ZxBkCoLlw")]
    [InlineData("EESSI:x5t#S1:k9dYaQGljm0xJRAkbMbGUc3KTs8w-7Yr8-ZxBkCoLlw")]
    [InlineData("EESSI:x5t#S256:k9dYaQGljm0xJRAkbMbGUc3KTs8w-7Yr8-ZxBkCoLlx")] // spare bits set: not canonical
    public void A_kid_that_breaks_the_pattern_is_rejected_at_step_3(string kid) =>
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(Scenario.ValidPayload(), TokenForge.Header("ES256", kid))), VerificationStep.Validate, FindingCode.BadKid);

    [Fact]
    public void A_typ_other_than_JWT_is_rejected_at_step_3() =>
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(Scenario.ValidPayload(), $$"""{"alg":"ES256","kid":"{{scenario.Kid}}","typ":"JOSE+JSON"}""")), VerificationStep.Validate, FindingCode.BadHeader);

    [Fact]
    public void A_critical_header_extension_is_rejected_at_step_3() =>
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(Scenario.ValidPayload(), $$"""{"alg":"ES256","kid":"{{scenario.Kid}}","crit":["exp"]}""")), VerificationStep.Validate, FindingCode.BadHeader);

    [Fact]
    public void A_duplicate_header_member_is_rejected() =>
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(Scenario.ValidPayload(), $$"""{"alg":"ES256","kid":"{{scenario.Kid}}","alg":"ES256"}""")), VerificationStep.Validate, FindingCode.DuplicateMember);

    [Fact]
    public void A_duplicate_payload_member_is_rejected()
    {
        // The second "fn" would override the first in a lax parser: a classic confusion attack.
        var json = Scenario.ValidPayload().ToJsonString().Replace("\"fn\":\"Peeters\"", "\"fn\":\"Peeters\",\"fn\":\"Janssens\"", StringComparison.Ordinal);
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(json)), VerificationStep.Validate, FindingCode.DuplicateMember);
    }

    [Fact]
    public void A_member_name_written_with_escapes_is_the_same_member()
    {
        // RFC 8259 §7: "\u0066n" is "fn". Names are compared as raw bytes first, so the escaped form must still
        // count: as the member itself, and as a duplicate when the plain form is there too.
        var escaped = Scenario.ValidPayload().ToJsonString().Replace("\"fn\":", "\"\\u0066n\":", StringComparison.Ordinal);
        Assert.True(Verify(scenario.ForgeQr(escaped)).IsApproved);

        var duplicate = Scenario.ValidPayload().ToJsonString().Replace("\"fn\":\"Peeters\"", "\"fn\":\"Peeters\",\"\\u0066n\":\"Janssens\"", StringComparison.Ordinal);
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(duplicate)), VerificationStep.Validate, FindingCode.DuplicateMember);

        var header = $$"""{"alg":"ES256","kid":"{{scenario.Kid}}","\u0061lg":"none"}""";
        ReportAssert.RejectedAt(Verify(scenario.ForgeQr(Scenario.ValidPayload(), header)), VerificationStep.Validate, FindingCode.DuplicateMember);
    }

    // Step 3: the payload schema, one rule at a time.
    public static TheoryData<string, string?> SchemaBreaks => new()
    {
        { "sid", null },
        { "prc", null },
        { "prc.ic", null },
        { "prc.fn", null },
        { "prc.gn", null },
        { "prc.dob", null },
        { "prc.hi", null },
        { "prc.in", null },
        { "prc.ii", null },
        { "prc.sd", null },
        { "prc.ed", null },
        { "prc.di", null },
        { "sid", "eessi:prc:one" },
        { "prc.ic", "XX" },
        { "prc.ic", "be" },
        { "prc.fn", new string('a', 41) },
        { "prc.gn", new string('a', 36) },
        { "prc.hi", new string('1', 21) },
        { "prc.in", new string('a', 22) },
        { "prc.ii", "012" },
        { "prc.ii", "01234567890" },
        { "prc.ii", "01-20" },
        { "prc.ci", new string('1', 21) },
        { "prc.dob", "1980-13-01" },
        { "prc.dob", "1980-01-32" },
        { "prc.dob", "80-01-01" },
        { "prc.dob", "1981-02-29" },
        { "prc.sd", "2026-6-1" },
        { "prc.ed", "2026-02-30" },
        { "prc.xd", "31/12/2028" },
        { "prc.di", "2026-06-15T00:00:00Z" },
        { "rid", "not a uri" },
    };

    [Theory]
    [MemberData(nameof(SchemaBreaks))]
    public void Each_schema_rule_is_enforced_at_step_3(string member, string? value)
    {
        var report = VerifyPayload(payload => PayloadEdit.Set(payload, member, value));
        ReportAssert.RejectedAt(report, VerificationStep.Validate, FindingCode.SchemaViolation);
        Assert.Contains(report.FailedStep!.Findings, f => f.Path == "/" + member.Replace('.', '/'));
    }

    [Fact]
    public void A_member_outside_the_schema_is_rejected_at_both_levels()
    {
        ReportAssert.RejectedAt(VerifyPayload(p => p["iat"] = 1760000000), VerificationStep.Validate, FindingCode.SchemaViolation);
        ReportAssert.RejectedAt(VerifyPayload(p => p["prc"]!["colour"] = "blue"), VerificationStep.Validate, FindingCode.SchemaViolation);
    }

    [Fact]
    public void A_member_of_the_wrong_type_is_rejected() =>
        ReportAssert.RejectedAt(VerifyPayload(p => p["prc"]!["hi"] = 80022912345), VerificationStep.Validate, FindingCode.SchemaViolation);

    [Fact]
    public void A_later_schema_version_is_reported_as_unknown() =>
        ReportAssert.RejectedAt(VerifyPayload(p => p["sid"] = "eessi:prc:2.0"), VerificationStep.Validate, FindingCode.UnknownSchemaId);

    [Fact]
    public void Greece_written_EL_is_read_as_GR_with_a_warning()
    {
        // The signer must be linked to GR:0120 for the authentic source to match.
        var registry = new TrustRegistry([scenario.Demo.Issuer with { Id = InstitutionId.Parse("GR:0120") }]);
        var payload = Scenario.ValidPayload();
        payload["prc"]!["ic"] = "EL";
        var report = Verify(scenario.ForgeQr(payload), registry: registry);
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Warning, report.Step(VerificationStep.Validate)!.Result);
        Assert.Equal("GR", report.Issuer!.Country);
    }

    // Step 4.
    [Fact]
    public void A_forged_signature_is_rejected_at_step_4()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = TokenForge.Sign(TokenForge.Header("ES256", scenario.Kid), Scenario.ValidPayload().ToJsonString(), stranger);
        ReportAssert.RejectedAt(Verify(TokenForge.QrText(token)), VerificationStep.ResolveKey, FindingCode.SignatureInvalid);
    }

    [Fact]
    public void A_signature_in_DER_instead_of_R_and_S_is_rejected_at_step_4()
    {
        var header = TokenForge.Header("ES256", scenario.Kid);
        var payload = Scenario.ValidPayload().ToJsonString();
        var signingInput = TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(header)) + "." + TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(payload));
        var der = ((ECDsa)scenario.Demo.Signer.AsAsymmetricAlgorithm()).SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        ReportAssert.RejectedAt(Verify(TokenForge.QrText(TokenForge.Unsigned(header, payload, der))), VerificationStep.ResolveKey, FindingCode.SignatureInvalid);
    }

    [Fact]
    public void A_document_altered_after_signing_is_rejected_at_step_4()
    {
        var token = scenario.IssueValid().Token;
        var parts = token.Split('.');
        var altered = Scenario.ValidPayload();
        altered["prc"]!["ed"] = "2027-12-31";
        var forged = parts[0] + "." + TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(altered.ToJsonString())) + "." + parts[2];
        ReportAssert.RejectedAt(Verify(TokenForge.QrText(forged)), VerificationStep.ResolveKey, FindingCode.SignatureInvalid);
    }

    [Fact]
    public void A_key_of_another_institution_is_not_linked_to_the_authentic_source()
    {
        // The signer's certificate is linked to BE:0120; the document claims BE:0306.
        ReportAssert.RejectedAt(VerifyPayload(p => p["prc"]!["ii"] = "0306"), VerificationStep.ResolveKey, FindingCode.KeyNotLinkedToAuthenticSource);
    }

    [Fact]
    public void An_institution_listed_twice_in_conflicting_ways_is_ambiguous()
    {
        // Listed twice the same way is merged (ListedIssuers); with two names, which entry is right would be a guess.
        var registry = new TrustRegistry([scenario.Demo.Issuer, scenario.Demo.Issuer with { Name = "Another name" }]);
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, registry: registry), VerificationStep.ResolveKey, FindingCode.KeyAmbiguous);
    }

    // Step 5.
    [Fact]
    public void A_certificate_expired_on_di_is_rejected_at_step_5()
    {
        // The registry says the certificate ended on 2026-06-14: a document of 2026-06-15 was signed after it.
        var certificate = scenario.Demo.Issuer.Certificates[0];
        var expired = new TrustedCertificate(certificate.Certificate, certificate.ValidFrom, new DateTimeOffset(2026, 6, 14, 23, 0, 0, TimeSpan.Zero));
        var registry = new TrustRegistry([scenario.Demo.Issuer with { Certificates = [expired] }]);
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, registry: registry), VerificationStep.BusinessChecks, FindingCode.CertificateNotValidOnIssueDate);
    }

    [Fact]
    public void A_certificate_valid_until_the_day_of_di_compares_by_date_and_passes()
    {
        // Ends at 00:30 UTC on di: the date parts are compared (spec §5 step 5), so the day itself is inside.
        var certificate = scenario.Demo.Issuer.Certificates[0];
        var endsThatDay = new TrustedCertificate(certificate.Certificate, certificate.ValidFrom, new DateTimeOffset(2026, 6, 15, 0, 30, 0, TimeSpan.Zero));
        ReportAssert.Approved(Verify(scenario.IssueValid().QrText, registry: new TrustRegistry([scenario.Demo.Issuer with { Certificates = [endsThatDay] }])));
    }

    [Fact]
    public void An_issuer_without_EHIC_accreditation_is_rejected_at_step_5()
    {
        var registry = new TrustRegistry([scenario.Demo.Issuer with { AccreditationPeriods = [new AccreditationPeriod("DA1", new DateOnly(2020, 1, 1), null)] }]);
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, registry: registry), VerificationStep.BusinessChecks, FindingCode.NotAccreditedOnIssueDate);
    }

    [Fact]
    public void A_document_issued_after_the_accreditation_ended_is_rejected_at_step_5()
    {
        var registry = new TrustRegistry([scenario.Demo.Issuer with { AccreditationPeriods = [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), new DateOnly(2026, 6, 14))] }]);
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, registry: registry), VerificationStep.BusinessChecks, FindingCode.NotAccreditedOnIssueDate);
    }

    [Fact]
    public void An_entitlement_reaching_past_the_accreditation_is_rejected_at_step_5()
    {
        var registry = new TrustRegistry([scenario.Demo.Issuer with { AccreditationPeriods = [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), new DateOnly(2026, 9, 30))] }]);
        ReportAssert.RejectedAt(Verify(scenario.IssueValid().QrText, registry: registry), VerificationStep.BusinessChecks, FindingCode.EntitlementOutsideAccreditation);
    }

    public static TheoryData<string, string, FindingCode> DateRuleBreaks => new()
    {
        { "prc.dob", "2026-06-02", FindingCode.DateOfBirthAfterStart },
        { "prc.sd", "2027-01-01", FindingCode.StartAfterEnd },
        { "prc.sd", "2026-06-16", FindingCode.StartAfterIssue },
        { "prc.ed", "2026-06-14", FindingCode.IssueAfterEnd },
        { "prc.xd", "2026-12-30", FindingCode.CardExpiresBeforeEnd },
    };

    [Theory]
    [MemberData(nameof(DateRuleBreaks))]
    public void Each_blocking_date_rule_is_enforced_at_step_5(string member, string value, FindingCode code)
    {
        var report = VerifyPayload(p => PayloadEdit.Set(p, member, value));
        Assert.False(report.IsApproved);
        Assert.Equal(VerificationStep.BusinessChecks, report.FailedStep!.Step);
        Assert.Contains(report.FailedStep.Findings, f => f.Code == code && f.IsBlocking);
    }

    [Fact]
    public void A_date_of_birth_with_unknown_day_counts_as_the_first()
    {
        // 2026-06-00 counts as 2026-06-01 = sd: allowed (dob <= sd).
        ReportAssert.Approved(VerifyPayload(p => p["prc"]!["dob"] = "2026-06-00"));
        ReportAssert.RejectedAt(VerifyPayload(p => p["prc"]!["dob"] = "2026-07-00"), VerificationStep.BusinessChecks, FindingCode.DateOfBirthAfterStart);
    }

    public static TheoryData<string, string, FindingCode> WarningRuleBreaks => new()
    {
        { "prc.in", "Christelijke Mutualit", FindingCode.InstitutionTextTooLong },
        { "prc.ci", "0120-0000-0000-12345", FindingCode.CardNumberNotDigits },
        { "prc.ii", "AB0120", FindingCode.InstitutionIdNotDigits },
    };

    [Theory]
    [MemberData(nameof(WarningRuleBreaks))]
    public void Each_warning_rule_warns_at_step_5_without_rejecting(string member, string value, FindingCode code)
    {
        var payload = Scenario.ValidPayload();
        if (code == FindingCode.InstitutionTextTooLong)
        {
            // in is at most 21 characters: with a 4-character ii the sum cannot pass 25, so lengthen ii too.
            payload["prc"]!["ii"] = "0120000";
        }

        PayloadEdit.Set(payload, member, value);
        var localId = (string)payload["prc"]!["ii"]!;
        var registry = localId == "0120" ? null : new TrustRegistry([scenario.Demo.Issuer with { Id = InstitutionId.Parse("BE:" + localId) }]);
        var report = Verify(scenario.ForgeQr(payload), registry: registry);
        ReportAssert.Approved(report);
        var step = report.Step(VerificationStep.BusinessChecks)!;
        Assert.Equal(StepResult.Warning, step.Result);
        Assert.Contains(step.Findings, f => f.Code == code && !f.IsBlocking);
    }

    // Step 6.
    [Fact]
    public void Without_jti_and_rid_revocation_is_a_warning()
    {
        var report = VerifyPayload(p =>
        {
            p.Remove("jti");
            p.Remove("rid");
        });
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Warning, report.Step(VerificationStep.Revocation)!.Result);
        Assert.Equal(FindingCode.RevocationReferenceMissing, report.Step(VerificationStep.Revocation)!.Code);
    }

    [Fact]
    public void With_jti_and_rid_but_no_list_revocation_is_not_applicable_never_passed()
    {
        var report = Verify(scenario.IssueValid().QrText);
        var step = report.Step(VerificationStep.Revocation)!;
        Assert.Equal(StepResult.NotApplicable, step.Result);
        Assert.Equal(FindingCode.RevocationListUnavailable, step.Code);
        Assert.Contains("no source", step.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checker_that_finds_the_jti_revoked_rejects_at_step_6()
    {
        var revoked = new FixedRevocation(Credentials.Status.CredentialStatus.Revoked);
        ReportAssert.RejectedAt(scenario.Verifier(revocation: revoked).Verify(scenario.IssueValid().QrText, Treatment), VerificationStep.Revocation, FindingCode.Revoked);
        Assert.Equal(("6a0b4c1e-3f2d-4e5a-8b7c-9d0e1f2a3b4c", new Uri("https://revocation.example.org/BE-0120/prc")), revoked.Asked);
    }

    [Fact]
    public void A_checker_that_finds_the_jti_absent_passes_step_6()
    {
        var report = scenario.Verifier(revocation: new FixedRevocation(Credentials.Status.CredentialStatus.Valid)).Verify(scenario.IssueValid().QrText, Treatment);
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Passed, report.Step(VerificationStep.Revocation)!.Result);
    }

    // Step 7.
    [Fact]
    public void The_treatment_period_is_inclusive_at_both_ends()
    {
        var qr = scenario.IssueValid().QrText;
        scenario.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 12, 0, 0, TimeSpan.Zero));
        ReportAssert.Approved(Verify(qr, new DateOnly(2026, 6, 1)));
        ReportAssert.Approved(Verify(qr, new DateOnly(2026, 12, 31)));
        ReportAssert.RejectedAt(Verify(qr, new DateOnly(2027, 1, 1)), VerificationStep.TreatmentPeriod, FindingCode.TreatmentAfterEntitlement);
        ReportAssert.RejectedAt(Verify(qr, new DateOnly(2026, 5, 31)), VerificationStep.TreatmentPeriod, FindingCode.TreatmentBeforeEntitlement);
    }

    [Fact]
    public void A_rejection_keeps_every_intermediate_for_diagnosis()
    {
        var report = VerifyPayload(p => p["prc"]!["ii"] = "0306");
        Assert.NotNull(report.Token);
        Assert.NotNull(report.Header);
        Assert.NotNull(report.Payload);
        Assert.Null(report.Issuer);
    }

    public void Dispose() => scenario.Dispose();

    private sealed class FixedRevocation(Credentials.Status.CredentialStatus status) : Credentials.Status.IStatusChecker
    {
        public (string, Uri)? Asked { get; private set; }

        public bool CanCheck(Credentials.Status.StatusReference reference) => reference is Credentials.Status.RevocationListEntry;

        public ValueTask<Credentials.Status.StatusCheck> CheckAsync(Credentials.Status.StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default)
        {
            var entry = (Credentials.Status.RevocationListEntry)reference;
            Asked = (entry.TokenId, entry.List);
            return ValueTask.FromResult(status == Credentials.Status.CredentialStatus.Revoked ? Credentials.Status.StatusCheck.Revoked($"list says {status}") : Credentials.Status.StatusCheck.Valid($"list says {status}"));
        }
    }
}
