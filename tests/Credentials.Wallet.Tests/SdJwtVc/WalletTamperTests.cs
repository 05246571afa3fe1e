using System.Text;
using System.Text.Json.Nodes;
using Credentials.Verification;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.Tests.StatusLists;

namespace Credentials.Wallet.Tests.SdJwtVc;

/// <summary>The SD-JWT VC layer's refusals: each tamper is rejected at its own step with its own code, never approved, never a crash.</summary>
public sealed class WalletTamperTests : IDisposable
{
    private static readonly DateOnly TreatmentDate = new(2026, 6, 10);
    private readonly WalletScenario scenario = new();

    [Fact]
    public async Task A_claim_changed_in_the_issuer_signed_jwt_breaks_the_signature()
    {
        var presentation = scenario.Present(scenario.Issue(WalletScenario.Ehic), WalletScenario.All(WalletCredentialType.Ehic));
        var jwt = presentation[..presentation.IndexOf('~', StringComparison.Ordinal)];
        var parts = jwt.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlText.TryDecode(parts[1], out var bytes) ? bytes : []);
        var changed = payload.Replace("\"date_of_expiry\":\"2031-12-31\"", "\"date_of_expiry\":\"2039-12-31\"", StringComparison.Ordinal);
        Assert.NotEqual(payload, changed);
        var forged = string.Join('.', parts[0], Base64UrlText.EncodeUtf8(changed), parts[2]) + presentation[jwt.Length..];

        await AssertRejected(forged, WalletVerificationStep.SignatureAndTrust, "ISSUER_SIGNATURE_INVALID");
    }

    [Fact]
    public async Task A_disclosure_swapped_in_from_another_type_is_not_referenced()
    {
        var ehic = scenario.Issue(WalletScenario.Ehic);
        var isi = scenario.Issue(WalletScenario.Isi);
        Assert.True(SdJwtToken.TryParse(isi, null, out var isiToken, out _));
        var options = new WalletVerifierOptions { RequireKeyBinding = false };

        // An ISI+ holder claim added to an EHIC, and the ISI+'s document_number in place of the EHIC's.
        var familyName = isiToken.Disclosures.Single(d => d.Name == "family_name").Encoded;
        await AssertRejected(ehic + familyName + "~", WalletVerificationStep.Disclosures, "DISCLOSURE_NOT_REFERENCED", options);

        Assert.True(SdJwtToken.TryParse(ehic, null, out var ehicToken, out _));
        var swapped = string.Concat(ehic.AsSpan(0, ehic.IndexOf('~', StringComparison.Ordinal) + 1), isiToken.Disclosures.Single(d => d.Name == "document_number").Encoded, "~");
        await AssertRejected(swapped, WalletVerificationStep.Disclosures, "DISCLOSURE_NOT_REFERENCED", options);
        Assert.NotEmpty(ehicToken.Disclosures);
    }

    [Theory]
    [InlineData("urn:eu.europa.ec.eudi:ehic:1")]
    [InlineData("urn:eudi:pid:1")]
    public async Task A_vct_that_is_not_ours_is_refused_at_decode(string vct)
    {
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["vct"] = vct;
        var report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Decode, WalletFindingCodes.CredentialTypeUnknown);
        Assert.Equal("/vct", report.FailedStep!.Findings[0].Path);
    }

    [Theory]
    [InlineData("2031-12-31T00:00")]
    [InlineData("2031-12-31T00:00:00Z")]
    [InlineData("2031-1-31")]
    [InlineData("2031-02-30")]
    [InlineData("0000-01-01")]
    [InlineData("20311231")]
    [InlineData(" 2031-12-31")]
    [InlineData("2031/12/31")]
    public async Task A_date_claim_not_written_yyyy_mm_dd_is_refused_at_its_path(string written)
    {
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["date_of_expiry"] = written;
        var report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Claims, "SCHEMA_VIOLATION");
        Assert.Contains(report.FailedStep!.Findings, f => f.Path == "/date_of_expiry");
    }

    [Fact]
    public async Task The_isi_vct_on_ehic_claims_is_refused_by_the_isi_rules()
    {
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["vct"] = WalletCredentialType.IsiPlus.Vct;
        var report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Claims, "SCHEMA_VIOLATION");
        Assert.Contains(report.FailedStep!.Findings, f => f.Path == "/subject");
    }

    [Fact]
    public async Task The_older_typ_vc_sd_jwt_is_refused_by_default_and_accepted_when_allowed()
    {
        var presentation = scenario.Present(scenario.Sign(scenario.ClaimsOf(WalletScenario.Ehic), [], typ: "vc+sd-jwt"));
        await AssertRejected(presentation, WalletVerificationStep.Decode, WalletFindingCodes.TypeNotAccepted);
        Assert.True((await scenario.VerifyAsync(presentation, TreatmentDate, options: new WalletVerifierOptions { AcceptLegacyMediaType = true })).IsApproved);
        await AssertRejected(scenario.Present(scenario.Sign(scenario.ClaimsOf(WalletScenario.Ehic), [], typ: "JWT")), WalletVerificationStep.Decode, WalletFindingCodes.TypeNotAccepted);
    }

    [Fact]
    public async Task An_x5c_leaf_the_registry_links_to_another_institution_or_not_at_all_is_refused()
    {
        var other = scenario.Pki.IssueSigner("BE:0999 signer");
        scenario.Registry = WalletScenario.RegistryFor((WalletScenario.Institution, scenario.Signer), (StatusListPki.OtherInstitution, other));
        var presentation = scenario.Present(scenario.Sign(scenario.ClaimsOf(WalletScenario.Ehic), [], signer: other));
        var report = await AssertRejected(presentation, WalletVerificationStep.SignatureAndTrust, "KEY_NOT_LINKED_TO_AUTHENTIC_SOURCE");
        Assert.Contains("BE:0999", report.FailedStep!.Message, StringComparison.Ordinal);

        var stranger = scenario.Pki.IssueSigner("unknown signer");
        await AssertRejected(scenario.Present(scenario.Sign(scenario.ClaimsOf(WalletScenario.Ehic), [], signer: stranger)), WalletVerificationStep.SignatureAndTrust, "KEY_NOT_RESOLVED");
    }

    [Fact]
    public async Task A_leaf_valid_now_but_not_at_iat_is_refused()
    {
        var fresh = scenario.Pki.IssueSigner("BE:0120 new signer", notBefore: scenario.Clock.GetUtcNow().AddDays(-1));
        scenario.Registry = WalletScenario.RegistryFor((WalletScenario.Institution, fresh));
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["iat"] = scenario.Clock.GetUtcNow().AddDays(-10).ToUnixTimeSeconds();
        claims["nbf"] = claims["iat"]!.DeepClone();
        await AssertRejected(scenario.Present(scenario.Sign(claims, [], signer: fresh)), WalletVerificationStep.SignatureAndTrust, WalletFindingCodes.CertificateNotValidAtIssuance);

        claims["iat"] = scenario.Clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds();
        claims["nbf"] = claims["iat"]!.DeepClone();
        Assert.True((await scenario.VerifyAsync(scenario.Present(scenario.Sign(claims, [], signer: fresh)), TreatmentDate)).IsApproved);
    }

    [Fact]
    public async Task The_technical_validity_alone_broken_expired_or_not_yet_valid()
    {
        var issued = scenario.Issue(WalletScenario.Ehic, lifetime: TimeSpan.FromHours(2));
        scenario.Clock.Advance(TimeSpan.FromHours(3));
        await AssertRejected(scenario.Present(issued), WalletVerificationStep.TechnicalValidity, "EXPIRED");

        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["nbf"] = scenario.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.TechnicalValidity, "NOT_YET_VALID");
    }

    [Fact]
    public async Task The_document_validity_alone_broken_expired_before_the_treatment_or_issued_after_today()
    {
        // The coverage still holds the treatment date: only the document's own dates are wrong.
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["date_of_expiry"] = "2026-06-05";
        claims["ending_date"] = "2026-12-31";
        var report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.DocumentValidity, WalletFindingCodes.DocumentExpired);
        Assert.Equal("/date_of_expiry", report.FailedStep!.Findings[0].Path);

        claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["date_of_issuance"] = "2026-06-20";
        await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.DocumentValidity, WalletFindingCodes.DocumentNotYetIssued);
    }

    [Fact]
    public async Task The_coverage_alone_broken_the_treatment_before_or_after_it()
    {
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["starting_date"] = "2026-06-12";
        await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Coverage, "TREATMENT_BEFORE_ENTITLEMENT");

        claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["ending_date"] = "2026-06-09";
        await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Coverage, "TREATMENT_AFTER_ENTITLEMENT");

        await AssertRejected(scenario.Present(scenario.Issue(WalletScenario.Ehic)), WalletVerificationStep.Coverage, "TREATMENT_DATE_IN_FUTURE", treatmentDate: new DateOnly(2026, 6, 16));
    }

    [Fact]
    public async Task A_claim_that_breaks_the_documents_rules_is_reported_at_its_path()
    {
        var claims = scenario.ClaimsOf(WalletScenario.Isi);
        claims["personal_administrative_number"] = "15031501102";
        var report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Claims, "NATIONAL_NUMBER_INVALID");
        Assert.Equal("/personal_administrative_number", report.FailedStep!.Findings[0].Path);
        Assert.DoesNotContain("15031501102", string.Join(" ", report.Steps.Select(s => s.Message)), StringComparison.Ordinal);

        claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["authentic_source"]!["name"] = "Another fund";
        report = await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Claims, "SCHEMA_VIOLATION");
        Assert.Equal("/issuing_authority/name", report.FailedStep!.Findings[0].Path);
    }

    [Fact]
    public async Task An_institution_not_accredited_on_the_date_of_issuance_is_refused()
    {
        var claims = scenario.ClaimsOf(WalletScenario.Ehic);
        claims["date_of_issuance"] = "2019-12-31";
        await AssertRejected(scenario.Present(scenario.Sign(claims, [])), WalletVerificationStep.Claims, "NOT_ACCREDITED_ON_ISSUE_DATE");
    }

    [Fact]
    public async Task Key_binding_follows_the_policy_and_a_replay_to_another_verifier_or_nonce_is_refused()
    {
        var issued = scenario.Issue(WalletScenario.Ehic);
        await AssertRejected(scenario.Present(issued, "https://other.example.org", WalletScenario.Nonce), WalletVerificationStep.KeyBinding, "KEY_BINDING_AUDIENCE_MISMATCH");
        await AssertRejected(scenario.Present(issued, WalletScenario.Audience, "another-nonce"), WalletVerificationStep.KeyBinding, "KEY_BINDING_NONCE_MISMATCH");

        // Required by default: the SD-JWT alone (no KB-JWT) is refused; not required, it is approved as unbound.
        await AssertRejected(issued, WalletVerificationStep.KeyBinding, "KEY_BINDING_MISSING");
        var unbound = await scenario.Verifier(options: new WalletVerifierOptions { RequireKeyBinding = false }).VerifyAsync(issued, null, TreatmentDate);
        Assert.True(unbound.IsApproved, string.Join("\n", unbound.Steps));
        Assert.Equal(KeyBindingStatus.Absent, unbound.KeyBinding);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an sd-jwt")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiIsInR5cCI6ImRjK3NkLWp3dCJ9.bm90IGpzb24.c2ln~")]
    public async Task Garbage_and_a_bare_jwt_are_rejected_at_decode_without_a_crash(string text)
    {
        var report = await scenario.VerifyAsync(text, TreatmentDate);
        Assert.False(report.IsApproved);
        Assert.Equal(WalletVerificationStep.Decode, report.FailedStep!.Step);
    }

    [Fact]
    public async Task Alg_none_is_refused_at_the_signature()
    {
        var report = await AssertRejected("eyJhbGciOiJub25lIiwidHlwIjoiZGMrc2Qtand0In0.e30.~", WalletVerificationStep.SignatureAndTrust, "ALGORITHM_NOT_ALLOWED", new WalletVerifierOptions { RequireKeyBinding = false });
        Assert.Equal(StepResult.Passed, report[WalletVerificationStep.Decode]!.Result);
    }

    [Fact]
    public async Task Trust_data_too_old_makes_the_trust_step_not_applicable_and_rejects()
    {
        var asOf = scenario.Clock.GetUtcNow().AddDays(-8);
        scenario.Registry = new Credentials.Trust.TrustRegistry(scenario.Registry.Issuers, asOf);
        var report = await scenario.VerifyAsync(scenario.Present(scenario.Issue(WalletScenario.Ehic)), TreatmentDate);
        Assert.False(report.IsApproved);
        Assert.Equal(StepResult.NotApplicable, report.FailedStep!.Result);
        Assert.Equal("TRUST_DATA_TOO_OLD", report.FailedStep.Code);
    }

    [Fact]
    public async Task Every_character_of_a_presentation_changed_is_never_approved()
    {
        var presentation = scenario.Present(scenario.Issue(WalletScenario.Ehic), WalletScenario.All(WalletCredentialType.Ehic));
        var verifier = scenario.Verifier();
        var expectation = new KeyBindingExpectation(WalletScenario.Audience, WalletScenario.Nonce);
        for (var i = 0; i < presentation.Length; i += 7)
        {
            var replacement = presentation[i] == 'A' ? 'B' : 'A';
            var tampered = string.Concat(presentation.AsSpan(0, i), [replacement], presentation.AsSpan(i + 1));
            var report = await verifier.VerifyAsync(tampered, expectation, TreatmentDate);
            Assert.False(report.IsApproved, $"approved with character {i} changed");
        }
    }

    private Task<WalletVerificationReport> AssertRejected(string presentation, WalletVerificationStep step, string code, WalletVerifierOptions? options = null, DateOnly? treatmentDate = null) =>
        AssertRejectedAsync(presentation, step, code, options, treatmentDate);

    private async Task<WalletVerificationReport> AssertRejectedAsync(string presentation, WalletVerificationStep step, string code, WalletVerifierOptions? options, DateOnly? treatmentDate)
    {
        var verifier = scenario.Verifier(options: options);
        var report = await verifier.VerifyAsync(presentation, options?.RequireKeyBinding == false ? null : new KeyBindingExpectation(WalletScenario.Audience, WalletScenario.Nonce), treatmentDate ?? TreatmentDate);
        Assert.False(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal(step, report.FailedStep!.Step);
        Assert.Equal(code, report.FailedStep.Code);
        Assert.Equal(StepResult.NotPassed, report.Steps[^1].Result);
        Assert.All(report.Steps.TakeWhile(s => s != report.FailedStep), s => Assert.False(s.Rejects));
        return report;
    }

    public void Dispose() => scenario.Dispose();
}
