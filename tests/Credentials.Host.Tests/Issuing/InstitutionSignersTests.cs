using System.Text;
using Credentials.Host.Configuration;
using Credentials.Host.Issuing;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// The host's signing keys per institution: key files (encrypted PEM) and a key on a SoftHSM2 token, loaded as the
/// CLI loads them; rotation by instant, where a document signed before the new key took over still verifies
/// against the registry that keeps both certificates; one-line start errors for bad keys.
/// </summary>
[Collection(SigningTests.Name)]
public sealed class InstitutionSignersTests(SoftHsmTokenFixture hsm) : IDisposable
{
    private static readonly InstitutionId Institution = DemoScenario.Institution;
    private static readonly DateTimeOffset RotationAt = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SigningKeyFiles files = new();

    [Fact]
    public void After_the_rotation_instant_the_new_key_signs_and_documents_of_both_keys_verify()
    {
        var clock = Clock.At(2026, 6, 15);
        var (oldKey, oldCertificate, oldIssued) = files.Write("2025", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (newKey, newCertificate, newIssued) = files.Write("2026", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var signers = InstitutionSigners.Load(Options(
            new SigningKeySettings { Key = newKey, Certificate = newCertificate, Password = SigningKeyFiles.Password, From = RotationAt },
            new SigningKeySettings { Key = oldKey, Certificate = oldCertificate, Password = SigningKeyFiles.Password }), clock);

        Assert.Equal([Institution], signers.Institutions);
        Assert.Equal(oldIssued.Thumbprint, signers.CurrentKey(Institution)!.Signer.Certificate.Thumbprint);
        var before = Issue(signers, clock);

        clock.SetUtcNow(RotationAt.AddHours(1));
        Assert.Equal(newIssued.Thumbprint, signers.CurrentKey(Institution)!.Signer.Certificate.Thumbprint);
        var after = Issue(signers, clock);

        // The registry keeps the old certificate beside the new one: both documents verify after the rotation.
        var registry = new TrustRegistry([new RegistryIssuer(Institution, DemoScenario.InstitutionName, [new TrustedCertificate(oldIssued), new TrustedCertificate(newIssued)], [new AccreditationPeriod(AccreditationPeriod.Ehic, new DateOnly(2020, 1, 1), null)])]);
        var verifier = new QrTokenVerifier(registry, clock);
        Assert.True(verifier.VerifyOffline(before.QrText).IsApproved);
        Assert.True(verifier.VerifyOffline(after.QrText).IsApproved);
        Assert.NotEqual(Kid(before), Kid(after));
    }

    [Fact]
    public void A_key_whose_certificate_expired_no_longer_signs_and_one_not_yet_valid_does_not_sign_yet()
    {
        var clock = Clock.At(2026, 6, 15);
        var (expiredKey, expiredCertificate, _) = files.Write("expired", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (laterKey, laterCertificate, later) = files.Write("later", new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var signers = InstitutionSigners.Load(Options(
            new SigningKeySettings { Key = expiredKey, Certificate = expiredCertificate, Password = SigningKeyFiles.Password },
            new SigningKeySettings { Key = laterKey, Certificate = laterCertificate, Password = SigningKeyFiles.Password, From = RotationAt }), clock);

        Assert.Null(signers.Current(Institution));
        Assert.Null(signers.Current(InstitutionId.Parse("BE:0100")));
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(later.Thumbprint, signers.CurrentKey(Institution)!.Signer.Certificate.Thumbprint);
        Assert.Equal(2, signers.KeysOf(Institution).Count);
    }

    [SkippableFact]
    public void A_key_on_a_PKCS11_token_signs_documents_that_verify()
    {
        hsm.Require();
        var clock = Clock.At(2026, 6, 15);
        using var signers = InstitutionSigners.Load(Options(new SigningKeySettings
        {
            Certificate = hsm.CertificateFile,
            Pkcs11 = new Pkcs11KeySettings { Module = SoftHsmTokenFixture.ModulePath, TokenLabel = SoftHsmTokenFixture.TokenLabel, KeyLabel = SoftHsmTokenFixture.KeyLabel, Pin = SoftHsmTokenFixture.Pin },
        }), clock);

        var issued = Issue(signers, clock);
        var registry = new TrustRegistry([new RegistryIssuer(Institution, DemoScenario.InstitutionName, [new TrustedCertificate(hsm.Certificate)], [new AccreditationPeriod(AccreditationPeriod.Ehic, new DateOnly(2020, 1, 1), null)])]);
        Assert.True(new QrTokenVerifier(registry, clock).VerifyOffline(issued.QrText).IsApproved);
    }

    [SkippableFact]
    public void A_wrong_token_PIN_stops_the_start_with_one_line_naming_the_setting()
    {
        hsm.Require();
        var e = Assert.Throws<ServerStartException>(() => InstitutionSigners.Load(Options(new SigningKeySettings
        {
            Certificate = hsm.CertificateFile,
            Pkcs11 = new Pkcs11KeySettings { Module = SoftHsmTokenFixture.ModulePath, TokenLabel = SoftHsmTokenFixture.TokenLabel, KeyLabel = SoftHsmTokenFixture.KeyLabel, Pin = "wrong-pin" },
        }), Clock.At(2026, 6, 15)));
        Assert.StartsWith("Credentials:Signing:Institutions:0:Keys:0:Pkcs11: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("BE-0120", "Credentials:Signing:Institutions:0:Institution: 'BE-0120' is not an institution")]
    [InlineData("BE:0120", "Credentials:Signing:Institutions:0:Keys:0: ")]
    public void A_bad_institution_or_a_missing_key_file_stops_the_start_with_one_line(string institution, string expected)
    {
        var options = new SigningOptions
        {
            Institutions = [new SigningInstitutionOptions { Institution = institution, Keys = [new SigningKeySettings { Key = Path.Combine(files.Folder, "missing.pem"), Certificate = Path.Combine(files.Folder, "missing.cert.pem") }] }],
        };
        var e = Assert.Throws<ServerStartException>(() => InstitutionSigners.Load(options, Clock.At(2026, 6, 15)));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("(Parameter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_keys_from_the_same_instant_are_refused()
    {
        var (key, certificate, _) = files.Write("twin", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var settings = new SigningKeySettings { Key = key, Certificate = certificate, Password = SigningKeyFiles.Password, From = RotationAt };
        var e = Assert.Throws<ServerStartException>(() => InstitutionSigners.Load(Options(settings, settings), Clock.At(2026, 6, 15)));
        Assert.Equal("Credentials:Signing:Institutions:0:Keys:1:From: another key of BE:0120 starts at the same instant; give each key its own.", e.Message);
    }

    public void Dispose() => files.Dispose();

    private static SigningOptions Options(params SigningKeySettings[] keys) => new()
    {
        Institutions = [new SigningInstitutionOptions { Institution = Institution.ToString(), Keys = [.. keys] }],
    };

    private static IssuedQrToken Issue(InstitutionSigners signers, TimeProvider clock)
    {
        using var demo = DemoScenario.Create(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var result = new QrTokenIssuer(signers.Current(Institution)!, clock).Issue(Encoding.UTF8.GetBytes(demo.SampleRequestJson(tokenId: null)));
        return result.Document ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    private static string Kid(IssuedQrToken issued) => Credentials.WireFormat.QrTextCodec.Decode(issued.QrText).Split('.')[0];
}
