using System.Text.Json.Nodes;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Status;
using Credentials.Verification;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;

namespace Credentials.Wallet.Tests.SdJwtVc;

/// <summary>Issue → present → verify for both types: what the verifier learns is what the document says, and no more than was disclosed.</summary>
public sealed class WalletRoundTripTests : IDisposable
{
    private readonly WalletScenario scenario = new();

    [Fact]
    public async Task An_ehic_presented_with_both_numbers_is_approved_and_reads_back_as_the_card()
    {
        var issued = scenario.Issue(WalletScenario.Ehic, new StatusListEntry(new Uri("https://status.example.org/BE-0120/1"), 7));
        var report = await scenario.VerifyAsync(scenario.Present(issued, WalletScenario.All(WalletCredentialType.Ehic)));

        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal(
            [WalletVerificationStep.Decode, WalletVerificationStep.SignatureAndTrust, WalletVerificationStep.Disclosures, WalletVerificationStep.TechnicalValidity, WalletVerificationStep.KeyBinding,
             WalletVerificationStep.Claims, WalletVerificationStep.DocumentValidity, WalletVerificationStep.Coverage, WalletVerificationStep.Status, WalletVerificationStep.Conclusion],
            report.Steps.Select(s => s.Step));
        Assert.Equal(KeyBindingStatus.Verified, report.KeyBinding);
        Assert.Equal(WalletCredentialType.Ehic, report.Type);
        Assert.Equal("CM", report.Issuer!.Name);

        // The card has no holder in the credential (DC4EU): with the holder known from elsewhere it is the same card.
        var card = report.Credential!.ToCard(WalletScenario.Ehic.Holder);
        Assert.Equal(WalletScenario.Ehic, card);
        Assert.Equal(new DateSpan(WalletScenario.IssuedOn, new DateOnly(2031, 12, 31)), report.Credential.Coverage);

        // Offline by choice: the status step is N/A with its cause, a warning, and the presentation is still approved.
        var status = report[WalletVerificationStep.Status]!;
        Assert.Equal(StepResult.NotApplicable, status.Result);
        Assert.Equal(WalletFindingCodes.StatusNotChecked, status.Code);
    }

    [Fact]
    public async Task An_ehic_presented_without_its_numbers_discloses_neither()
    {
        var issued = scenario.Issue(WalletScenario.Ehic);
        var report = await scenario.VerifyAsync(scenario.Present(issued));

        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Null(report.Credential!.PersonalAdministrativeNumber);
        Assert.Null(report.Credential.DocumentNumber);
        Assert.Equal(WalletScenario.Cm, report.Credential.Institution);
        Assert.Throws<InvalidOperationException>(() => report.Credential.ToCard(WalletScenario.Ehic.Holder));
    }

    [Fact]
    public async Task An_isi_card_fully_disclosed_reads_back_as_the_same_card()
    {
        var issued = scenario.Issue(WalletScenario.Isi);
        var report = await scenario.VerifyAsync(scenario.Present(issued, WalletScenario.All(WalletCredentialType.IsiPlus)));

        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal(WalletScenario.Isi, report.Credential!.Document);
        Assert.Equal("3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e", report.Credential.DocumentNumber);
        Assert.Contains("no ISI+ accreditation", report[WalletVerificationStep.Claims]!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_claims_json_of_an_approved_presentation_is_the_processed_claims_and_a_rejected_one_has_none()
    {
        var issued = scenario.Issue(WalletScenario.Isi);
        var report = await scenario.VerifyAsync(scenario.Present(issued, WalletScenario.All(WalletCredentialType.IsiPlus)));

        // The export's content: the disclosed claims in place, no digests, written as the node API writes JSON.
        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        var claims = JsonNode.Parse(report.ClaimsJson!)!.AsObject();
        Assert.Equal(claims.ToJsonString(), report.ClaimsJson);
        Assert.Equal("Maes", claims["subject"]!["family_name"]!.GetValue<string>());
        Assert.Equal("15031501101", claims["personal_administrative_number"]!.GetValue<string>());
        Assert.False(claims.ContainsKey("_sd"));
        Assert.False(claims.ContainsKey("_sd_alg"));

        var rejected = await scenario.VerifyAsync(scenario.Present(issued, WalletScenario.All(WalletCredentialType.IsiPlus)), treatmentDate: new DateOnly(2028, 1, 1));
        Assert.False(rejected.IsApproved);
        Assert.Null(rejected.ClaimsJson);
    }

    [Fact]
    public async Task An_isi_card_presented_with_the_given_name_only_tells_nothing_else_about_the_child()
    {
        var issued = scenario.Issue(WalletScenario.Isi);
        var report = await scenario.VerifyAsync(scenario.Present(issued, ClaimPath.Of("subject", "given_name")));

        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        var credential = report.Credential!;
        Assert.Equal("Lucas", credential.GivenNames);
        Assert.Null(credential.FamilyName);
        Assert.Null(credential.DateOfBirth);
        Assert.Null(credential.NationalNumber);
        Assert.Null(credential.DocumentNumber);
        Assert.Null(credential.Document);

        // What travels: the undisclosed values are nowhere in the presentation.
        var presentation = scenario.Present(issued, ClaimPath.Of("subject", "given_name"));
        var decoded = string.Concat(presentation.Split('~', '.').Select(TryDecode));
        Assert.DoesNotContain("Maes", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("15031501101", decoded, StringComparison.Ordinal);
        Assert.DoesNotContain("2015-03-15", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void The_issued_credential_has_the_registered_claims_the_header_and_no_sub()
    {
        var status = new StatusListEntry(new Uri("https://status.example.org/BE-0120/1"), 4711);
        var issued = scenario.Issue(WalletScenario.Ehic, status);
        Assert.True(SdJwtToken.TryParse(issued, null, out var token, out _));
        var header = token.IssuerSigned.Header;
        Assert.Equal("dc+sd-jwt", header.Type);
        Assert.Equal("ES256", header.Algorithm);
        Assert.True(header.TryGetCertificateChain(out var chain, out _));
        Assert.Equal(scenario.Signer.Certificate.RawData, chain[0].RawData);
        Assert.Equal(2, chain.Count);
        Assert.DoesNotContain(chain, c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));

        var payload = JsonNode.Parse(token.IssuerSigned.Payload.Span)!.AsObject();
        Assert.Equal("urn:eudi:ehic:1", payload["vct"]!.GetValue<string>());
        Assert.Equal(WalletScenario.IssuerId, payload["iss"]!.GetValue<string>());
        Assert.False(payload.ContainsKey("sub"));
        Assert.Equal(scenario.Clock.GetUtcNow().ToUnixTimeSeconds(), payload["iat"]!.GetValue<long>());
        Assert.Equal(payload["iat"]!.GetValue<long>(), payload["nbf"]!.GetValue<long>());
        Assert.Equal(scenario.Clock.GetUtcNow().AddDays(90).ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
        Assert.Equal(4711, payload["status"]!["status_list"]!["idx"]!.GetValue<long>());
        Assert.Equal("https://status.example.org/BE-0120/1", payload["status"]!["status_list"]!["uri"]!.GetValue<string>());
        Assert.NotNull(payload["cnf"]!["jwk"]);
        Assert.Equal("BE:0120", payload["authentic_source"]!["id"]!.GetValue<string>());
        Assert.Equal("BE", payload["issuing_country"]!.GetValue<string>());

        // Only the two numbers are Disclosures; everything else is plain.
        Assert.Equal(["document_number", "personal_administrative_number"], token.Disclosures.Select(d => d.Name!).Order(StringComparer.Ordinal));
        Assert.False(payload.ContainsKey("document_number"));
        Assert.False(payload.ContainsKey("personal_administrative_number"));
    }

    [Fact]
    public void Without_a_status_list_a_credential_lives_24_hours_and_never_past_the_document()
    {
        Assert.True(SdJwtToken.TryParse(scenario.Issue(WalletScenario.Ehic, status: null, lifetime: TimeSpan.FromDays(30)), null, out var token, out _));
        var payload = JsonNode.Parse(token.IssuerSigned.Payload.Span)!;
        Assert.Equal(24 * 3600, payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>());

        var status = new StatusListEntry(new Uri("https://status.example.org/BE-0120/1"), 1);
        Assert.True(SdJwtToken.TryParse(scenario.Issue(WalletScenario.Isi, status, TimeSpan.FromDays(3650)), null, out token, out _));
        payload = JsonNode.Parse(token.IssuerSigned.Payload.Span)!;
        Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_short_lived_credential_without_a_status_list_passes_the_status_step()
    {
        var report = await scenario.VerifyAsync(scenario.Present(scenario.Issue(WalletScenario.Ehic, lifetime: TimeSpan.FromHours(24))));
        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal(StepResult.Passed, report[WalletVerificationStep.Status]!.Result);
    }

    [Fact]
    public void An_eprc_is_refused_for_the_wallet_with_the_reason()
    {
        var issuance = scenario.Issuer.Issue(new WalletIssueRequest { Document = WalletScenario.Prc, DocumentId = "x-1234", HolderKey = scenario.HolderJwk });
        Assert.False(issuance.Succeeded);
        Assert.Contains("ePRC is not issued to wallets", Assert.Single(issuance.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_breaks_a_rule_or_has_expired_is_refused_with_the_claim_path()
    {
        var broken = new EuropeanHealthInsuranceCard(WalletScenario.Ehic.Holder, WalletScenario.Cm, "87040012345", "0120", new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1));
        var issuance = scenario.Issuer.Issue(new WalletIssueRequest { Document = broken, DocumentId = "d-1234", HolderKey = scenario.HolderJwk });
        Assert.False(issuance.Succeeded);
        Assert.Contains(issuance.Findings, f => f.Code == FindingCode.IssueAfterEnd && f.Path == "/date_of_issuance");
        Assert.Contains(issuance.Findings, f => f.Code == FindingCode.IssueAfterEnd && f.Path == "/date_of_expiry");

        var shortNumber = new EuropeanHealthInsuranceCard(WalletScenario.Ehic.Holder, WalletScenario.Cm, "870", "01200000012345678901", new DateOnly(2026, 6, 1), new DateOnly(2030, 1, 1));
        issuance = scenario.Issuer.Issue(new WalletIssueRequest { Document = shortNumber, DocumentId = "d-1234", HolderKey = scenario.HolderJwk });
        Assert.Equal("/personal_administrative_number", Assert.Single(issuance.Findings, f => f.IsBlocking).Path);
    }

    [Fact]
    public async Task The_dc4eu_schema_variant_round_trips_when_both_sides_use_it_and_is_refused_by_the_other()
    {
        var issuer = new WalletCredentialIssuer(scenario.Signer, scenario.Clock, new WalletIssuerOptions { Issuer = WalletScenario.IssuerId, EhicVariant = EhicSchemaVariant.Dc4eu });
        var issued = issuer.Issue(new WalletIssueRequest { Document = WalletScenario.Ehic, DocumentId = "d-1234", HolderKey = scenario.HolderJwk }).Credential!.SdJwt;
        Assert.True(SdJwtToken.TryParse(issued, null, out var token, out _));
        var payload = JsonNode.Parse(token.IssuerSigned.Payload.Span)!.AsObject();
        Assert.False(payload.ContainsKey("issuing_country"));
        Assert.Equal("BE", payload["issuing_authority"]!["country"]!.GetValue<string>());

        var presentation = scenario.Present(issued);
        Assert.True((await scenario.VerifyAsync(presentation, options: new WalletVerifierOptions { EhicVariant = EhicSchemaVariant.Dc4eu })).IsApproved);
        var other = await scenario.VerifyAsync(presentation);
        Assert.Equal(WalletVerificationStep.Claims, other.FailedStep!.Step);
        Assert.Contains(other.FailedStep.Findings, f => f.Path == "/issuing_country");
    }

    private static string TryDecode(string part) => Credentials.Wallet.Jose.Base64UrlText.TryDecode(part, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;

    public void Dispose() => scenario.Dispose();
}
