using Credentials.Documents;
using System.Text;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.WireFormat;

namespace Credentials.Tests.Vectors;

/// <summary>
/// The "John Doe" ePRC of the EC specification v0.5 (§2.4, §3.3, §5.2), copied into specs/vectors/ec-prc-john-doe
/// with its README. Every expectation of that README is one test here.
/// </summary>
public sealed class EcJohnDoeVectorTests
{
    private static readonly string QrText = Repository.ReadText(Repository.Vectors("ec-prc-john-doe", "qr.base45.txt"));
    private static readonly string Token = Repository.ReadText(Repository.Vectors("ec-prc-john-doe", "token.jwt")).Trim();

    private static TrustRegistry Registry(string institution = "BE:0120", DateOnly? accreditedFrom = null)
    {
        var certificate = new TrustedCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Repository.ReadText(Repository.Vectors("ec-prc-john-doe", "signer.cert.pem"))));
        var issuer = new RegistryIssuer(InstitutionId.Parse(institution), "CM", [certificate], [new AccreditationPeriod("EHIC", accreditedFrom ?? new DateOnly(2020, 1, 1), null)]);
        return new TrustRegistry([issuer], new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.Zero));
    }

    private static VerificationReport Verify(TrustRegistry registry, DateOnly treatment) =>
        new QrTokenVerifier(registry, Clock.At(2026, 1, 15)).Verify(QrText, treatment);

    [Fact]
    public void Inflating_the_Base45_text_gives_the_token_exactly()
    {
        Assert.Equal(948, QrText.Length);
        Assert.Equal(888, Token.Length);
        Assert.Equal(Token, QrTextCodec.Decode(QrText));
    }

    [Fact]
    public void The_kid_is_the_thumbprint_of_the_published_certificate()
    {
        using var jws = JwsCompact.Parse(Token);
        var (header, findings) = JwsHeader.Read(jws.HeaderBytes);
        Assert.Empty(findings);
        Assert.Equal("EESSI:x5t#S256:k9dYaQGljm0xJRAkbMbGUc3KTs8w-7Yr8-ZxBkCoLlw", header!.KeyId.ToString());
        Assert.Equal(JwsAlgorithm.RS256, header.Algorithm);
        Assert.Equal("JWT", header.Type);
        Assert.Equal(header.KeyId.Thumbprint, Registry().Issuers[0].Certificates[0].Thumbprint);
    }

    [Fact]
    public void The_payload_reads_as_the_README_prints_it()
    {
        using var jws = JwsCompact.Parse(Token);
        var payload = QrPayloadReader.Read(jws.PayloadBytes).Payload!;
        Assert.Equal("eessi:prc:1.0", payload.SchemaId);
        Assert.Equal("49f095e2-2dbf-4525-99b9-3c8956083e97", payload.TokenId);
        Assert.Equal(new Uri("https://example.org/revocation/list"), payload.RevocationList);
        var prc = Assert.IsType<ProvisionalReplacementCertificate>(payload.Document);
        Assert.Equal(("BE", "Doe", "John", "2011-11-11"), (prc.IssuingCountry.Code, prc.Holder.FamilyName, prc.Holder.GivenNames, prc.Holder.DateOfBirth.ToString()));
        Assert.Equal(("11111111111", "CM", "BE:0120", "12345678910111213141"), (prc.PersonalIdentificationNumber, prc.Institution.Name, prc.Institution.Id.ToString(), prc.CardNumber));
        Assert.Equal((new DateOnly(2025, 9, 1), new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31), new DateOnly(2025, 9, 22)), (prc.EntitlementStart, prc.EntitlementEnd, prc.CardExpiry, prc.IssuedOn));
        Assert.Equal(QrPayloadWriter.Write(payload), jws.PayloadBytes);
    }

    [Fact]
    public void Treatment_on_2025_10_01_is_approved_with_every_blocking_step_passed()
    {
        var report = Verify(Registry(), new DateOnly(2025, 10, 1));
        ReportAssert.Approved(report);
        Assert.Equal(new IssuerSummary("BE", "0120", "CM", "EESSI:x5t#S256:k9dYaQGljm0xJRAkbMbGUc3KTs8w-7Yr8-ZxBkCoLlw"), report.Issuer);
        Assert.Equal(StepResult.Passed, report.Step(VerificationStep.ResolveKey)!.Result);
        Assert.Equal(StepResult.Passed, report.Step(VerificationStep.BusinessChecks)!.Result);
        Assert.Equal(StepResult.Passed, report.Step(VerificationStep.TreatmentPeriod)!.Result);
        // jti and rid are present and no revocation source is configured: not checked, and said so.
        Assert.Equal(StepResult.NotApplicable, report.Step(VerificationStep.Revocation)!.Result);
    }

    [Fact]
    public void Treatment_after_the_end_of_entitlement_is_rejected_at_step_7()
    {
        ReportAssert.RejectedAt(Verify(Registry(), new DateOnly(2025, 12, 2)), VerificationStep.TreatmentPeriod, FindingCode.TreatmentAfterEntitlement);
    }

    [Fact]
    public void Treatment_before_the_start_of_entitlement_is_rejected_at_step_7()
    {
        ReportAssert.RejectedAt(Verify(Registry(), new DateOnly(2025, 8, 31)), VerificationStep.TreatmentPeriod, FindingCode.TreatmentBeforeEntitlement);
    }

    [Fact]
    public void A_registry_without_BE_0120_or_its_key_does_not_resolve_the_key()
    {
        var empty = new TrustRegistry([]);
        ReportAssert.RejectedAt(Verify(empty, new DateOnly(2025, 10, 1)), VerificationStep.ResolveKey, FindingCode.KeyNotResolved);
    }

    [Fact]
    public void A_certificate_that_belongs_to_BE_0306_only_is_not_linked_to_the_authentic_source()
    {
        var report = Verify(Registry("BE:0306"), new DateOnly(2025, 10, 1));
        ReportAssert.RejectedAt(report, VerificationStep.ResolveKey, FindingCode.KeyNotLinkedToAuthenticSource);
        Assert.Contains("BE:0306", report.FailedStep!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accreditation_only_from_2025_10_01_means_not_accredited_on_di()
    {
        ReportAssert.RejectedAt(Verify(Registry(accreditedFrom: new DateOnly(2025, 10, 1)), new DateOnly(2025, 10, 1)), VerificationStep.BusinessChecks, FindingCode.NotAccreditedOnIssueDate);
    }

    [Fact]
    public void Our_compression_of_the_token_round_trips()
    {
        var ours = QrTextCodec.Encode(Token);
        Assert.Equal(Token, QrTextCodec.Decode(ours));
        ReportAssert.Approved(new QrTokenVerifier(Registry(), Clock.At(2026, 1, 15)).Verify(ours, new DateOnly(2025, 10, 1)));
    }
}
