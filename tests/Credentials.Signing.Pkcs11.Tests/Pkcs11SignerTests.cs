using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Credentials.WireFormat;
using Net.Pkcs11Interop.Common;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>Signatures made on the SoftHSM2 token, in their JWS form, and the key's protection on the token.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class Pkcs11SignerTests(SoftHsmFixture fixture)
{
    private static readonly byte[] SigningInput = Encoding.ASCII.GetBytes("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0");

    [SkippableFact]
    public void An_ES256_signature_is_R_and_S_and_verifies_with_the_certificate_public_key()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        var signature = new byte[signer.SignatureLength];

        signer.Sign(SigningInput, signature);

        Assert.Equal(JwsAlgorithm.ES256, signer.Algorithm);
        Assert.Equal(64, signer.SignatureLength);
        using var certificateKey = fixture.Es256Certificate.GetECDsaPublicKey()!;
        // RFC 7518 §3.4: the JWS form is R || S, which is what CKM_ECDSA returns.
        Assert.True(certificateKey.VerifyData(SigningInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(certificateKey.VerifyData(Encoding.ASCII.GetBytes("another input"), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [SkippableFact]
    public void An_RS256_signature_verifies_with_the_certificate_public_key()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Rs256));
        var signature = new byte[signer.SignatureLength];

        signer.Sign(SigningInput, signature);

        Assert.Equal(JwsAlgorithm.RS256, signer.Algorithm);
        Assert.Equal(256, signer.SignatureLength);
        using var certificateKey = fixture.Rs256Certificate.GetRSAPublicKey()!;
        Assert.True(certificateKey.VerifyData(SigningInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(certificateKey.VerifyData(Encoding.ASCII.GetBytes("another input"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [SkippableTheory]
    [InlineData(TestKeys.Es256)]
    [InlineData(TestKeys.Rs256)]
    public void The_public_key_is_read_from_the_token_and_is_the_certificate_key(string keyLabel)
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(keyLabel));
        var certificate = keyLabel == TestKeys.Es256 ? fixture.Es256Certificate : fixture.Rs256Certificate;

        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), signer.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(keyLabel, signer.KeyLabel);
        Assert.Equal(SoftHsmFixture.TokenLabel, signer.TokenLabel);
    }

    [SkippableTheory]
    [InlineData(TestKeys.Es256, new byte[] { 0x01 })]
    [InlineData(TestKeys.Rs256, new byte[] { 0x02 })]
    public void The_private_key_on_the_token_is_sensitive_and_never_extractable(string keyLabel, byte[] id)
    {
        fixture.Hsm.WithSession(SoftHsmFixture.TokenLabel, SoftHsmFixture.Pin, session =>
        {
            var handle = Assert.Single(Pkcs11Search.Find(session, CKO.CKO_PRIVATE_KEY, keyLabel, id));
            var secret = keyLabel == TestKeys.Es256 ? CKA.CKA_VALUE : CKA.CKA_PRIVATE_EXPONENT;
            var attributes = Pkcs11Search.Read(session, handle, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE, CKA.CKA_TOKEN, secret);

            Assert.True(attributes[0].AsBool(otherwise: false), "CKA_SENSITIVE");
            Assert.False(attributes[1].AsBool(otherwise: true), "CKA_EXTRACTABLE");
            Assert.True(attributes[2].AsBool(otherwise: false), "CKA_ALWAYS_SENSITIVE");
            Assert.True(attributes[3].AsBool(otherwise: false), "CKA_NEVER_EXTRACTABLE");
            Assert.True(attributes[4].AsBool(otherwise: false), "CKA_TOKEN");
            // The token refuses to reveal the private value (PKCS#11 v2.40 base §5.7 C_GetAttributeValue: CKR_ATTRIBUTE_SENSITIVE).
            Assert.False(attributes[5].IsReadable, $"{secret} was revealed");
        });
    }

    [SkippableTheory]
    [InlineData(TestKeys.Es256)]
    [InlineData(TestKeys.Rs256)]
    public void As_an_AsymmetricAlgorithm_the_key_exports_its_public_half_only(string keyLabel)
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(keyLabel));
        var key = signer.AsAsymmetricAlgorithm();
        var certificate = keyLabel == TestKeys.Es256 ? fixture.Es256Certificate : fixture.Rs256Certificate;

        Assert.Equal(certificate.PublicKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        var refusals = new List<CryptographicException>
        {
            Assert.Throws<CryptographicException>(() => key.ExportPkcs8PrivateKey()),
            Assert.Throws<CryptographicException>(() => key.ExportEncryptedPkcs8PrivateKey("password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000))),
        };
        if (key is ECDsa ec)
        {
            refusals.Add(Assert.Throws<CryptographicException>(() => ec.ExportParameters(true)));
            refusals.Add(Assert.Throws<CryptographicException>(() => ec.ExportExplicitParameters(true)));
            refusals.Add(Assert.Throws<CryptographicException>(() => ec.ExportECPrivateKey()));
        }
        else
        {
            var rsa = Assert.IsAssignableFrom<RSA>(key);
            refusals.Add(Assert.Throws<CryptographicException>(() => rsa.ExportParameters(true)));
            refusals.Add(Assert.Throws<CryptographicException>(() => rsa.ExportRSAPrivateKey()));
        }

        Assert.All(refusals, e => Assert.Equal("the private key is on the PKCS#11 token and cannot be exported: only its public key can.", e.Message));
    }

    [SkippableFact]
    public void As_an_ECDsa_the_key_signs_on_the_token_in_both_signature_formats()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        var ec = Assert.IsAssignableFrom<ECDsa>(signer.AsAsymmetricAlgorithm());
        using var certificateKey = fixture.Es256Certificate.GetECDsaPublicKey()!;

        var p1363 = ec.SignData(SigningInput, HashAlgorithmName.SHA256);
        var der = ec.SignData(SigningInput, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(certificateKey.VerifyData(SigningInput, p1363, HashAlgorithmName.SHA256));
        Assert.True(certificateKey.VerifyData(SigningInput, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.True(ec.VerifyData(SigningInput, p1363, HashAlgorithmName.SHA256));
        // ES256 is SHA-256: a SHA-384 digest is refused rather than signed.
        var refused = Assert.Throws<CryptographicException>(() => ec.SignData(SigningInput, HashAlgorithmName.SHA384));
        Assert.Contains("SHA-256 digests of 32 bytes only", refused.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void As_an_RSA_the_key_signs_RS256_on_the_token_and_refuses_other_paddings_and_decryption()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Rs256));
        var rsa = Assert.IsAssignableFrom<RSA>(signer.AsAsymmetricAlgorithm());
        using var certificateKey = fixture.Rs256Certificate.GetRSAPublicKey()!;

        var signature = rsa.SignData(SigningInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.True(certificateKey.VerifyData(SigningInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Throws<CryptographicException>(() => rsa.SignData(SigningInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.Throws<CryptographicException>(() => rsa.Decrypt(rsa.Encrypt([1, 2, 3], RSAEncryptionPadding.OaepSHA256), RSAEncryptionPadding.OaepSHA256));
    }

    [SkippableFact]
    public void A_signature_buffer_that_is_too_small_is_refused_before_the_token_is_asked()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        var opened = signer.SessionsOpened;

        var refused = Assert.Throws<ArgumentException>(() => signer.Sign(SigningInput, new byte[63]));

        Assert.StartsWith("the signature buffer holds 63 bytes; 64 are needed.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(opened, signer.SessionsOpened);
    }
}
