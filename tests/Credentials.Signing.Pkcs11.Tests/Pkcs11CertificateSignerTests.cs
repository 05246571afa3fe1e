using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Credentials.WireFormat;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>A token key joined to its certificate, from the token or from a file, as issuers sign with it.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class Pkcs11CertificateSignerTests(SoftHsmFixture fixture)
{
    [SkippableFact]
    public void The_certificate_found_on_the_token_is_the_one_stored_there()
    {
        using var signer = Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.Es256));

        Assert.Equal(fixture.Es256Certificate.RawData, signer.Certificate.RawData);
        Assert.Equal([fixture.Es256Certificate.RawData], signer.CertificateChain.Select(c => c.RawData));
        Assert.Equal(EessiKeyId.FromCertificate(fixture.Es256Certificate), signer.KeyId);
        SignsForItsCertificate(signer);
    }

    [SkippableFact]
    public void A_certificate_given_with_the_key_is_used_when_the_token_has_none()
    {
        var failure = Assert.Throws<Pkcs11SignerException>(() => Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.Rs256)).Dispose());
        Assert.Equal(Pkcs11Problem.CertificateNotFound, failure.Problem);
        Assert.Equal("token 'credentials-test' holds no certificate for key 'rs256' (same id or label): store it there, or give the certificate file.", failure.Message);

        using var signer = Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.Rs256), fixture.Rs256Certificate);

        Assert.Equal(JwsAlgorithm.RS256, signer.Algorithm);
        Assert.Equal(fixture.Rs256Certificate.RawData, signer.Certificate.RawData);
        SignsForItsCertificate(signer);
    }

    [SkippableFact]
    public void The_given_certificate_supplies_the_public_key_the_token_lacks_and_carries_its_issuer()
    {
        using var signer = Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.NoPublicKey), fixture.NoPublicKeyCertificate, [fixture.Es256Certificate]);

        Assert.Equal(fixture.NoPublicKeyCertificate.PublicKey.ExportSubjectPublicKeyInfo(), signer.PublicKey.ExportSubjectPublicKeyInfo());
        // The issuer is the self-signed ES256 certificate: a root, which x5c leaves out (RFC 7515 §4.1.6).
        Assert.Equal([fixture.NoPublicKeyCertificate.RawData], signer.CertificateChain.Select(c => c.RawData));
        SignsForItsCertificate(signer);
    }

    [SkippableFact]
    public void A_certificate_of_another_key_is_refused()
    {
        var failure = Assert.Throws<Pkcs11SignerException>(() => Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.Rs256), fixture.Es256Certificate).Dispose());

        Assert.Equal(Pkcs11Problem.CertificateMismatch, failure.Problem);
        Assert.Equal("the certificate 'CN=Credentials test ES256, O=Credentials' is not for key 'rs256' on token 'credentials-test': their public keys differ.", failure.Message);
    }

    [SkippableFact]
    public void A_given_certificate_that_is_not_the_key_s_cannot_stand_in_for_its_public_key()
    {
        // The token has no public key for this key: the certificate's is taken, and the test signature shows it is wrong.
        var failure = Assert.Throws<Pkcs11SignerException>(() => Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.NoPublicKey), fixture.Es256Certificate).Dispose());

        Assert.Equal(Pkcs11Problem.PublicKeyMismatch, failure.Problem);
    }

    private static void SignsForItsCertificate(CertificateSigner signer)
    {
        var data = Encoding.ASCII.GetBytes("header.payload");
        var signature = new byte[signer.SignatureLength];
        signer.Sign(data, signature);
        var verifies = signer.Algorithm == JwsAlgorithm.ES256
            ? signer.Certificate.GetECDsaPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : signer.Certificate.GetRSAPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(verifies);
    }
}
