using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>The token's key where the BCL wants an <see cref="AsymmetricAlgorithm"/>: COSE signing and certificate requests.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class Pkcs11CoseTests(SoftHsmFixture fixture)
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""");

    [SkippableFact]
    public void A_COSE_Sign1_message_signed_with_the_ES256_key_verifies_with_the_certificate_public_key()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        var hsmKey = (ECDsa)signer.AsAsymmetricAlgorithm();

        var encoded = CoseSign1Message.SignEmbedded(Payload, new CoseSigner(hsmKey, HashAlgorithmName.SHA256));

        var message = CoseMessage.DecodeSign1(encoded);
        using var certificateKey = fixture.Es256Certificate.GetECDsaPublicKey()!;
        Assert.True(message.VerifyEmbedded(certificateKey));
        Assert.Equal(Payload, message.Content!.Value.ToArray());
        // RFC 9053 §2.1: ES256 is algorithm -7.
        Assert.Equal(CoseHeaderValue.FromInt32(-7), message.ProtectedHeaders[CoseHeaderLabel.Algorithm]);
    }

    [SkippableFact]
    public void A_COSE_Sign1_message_signed_with_the_RS256_key_verifies_with_the_certificate_public_key()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Rs256));
        var hsmKey = (RSA)signer.AsAsymmetricAlgorithm();

        var encoded = CoseSign1Message.SignEmbedded(Payload, new CoseSigner(hsmKey, RSASignaturePadding.Pkcs1, HashAlgorithmName.SHA256));

        var message = CoseMessage.DecodeSign1(encoded);
        using var certificateKey = fixture.Rs256Certificate.GetRSAPublicKey()!;
        Assert.True(message.VerifyEmbedded(certificateKey));
        // RFC 8812 §2: RS256 is algorithm -257.
        Assert.Equal(CoseHeaderValue.FromInt32(-257), message.ProtectedHeaders[CoseHeaderLabel.Algorithm]);
    }

    [SkippableFact]
    public void A_COSE_message_whose_payload_was_changed_does_not_verify()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        var encoded = CoseSign1Message.SignDetached(Payload, new CoseSigner((ECDsa)signer.AsAsymmetricAlgorithm(), HashAlgorithmName.SHA256));

        var message = CoseMessage.DecodeSign1(encoded);
        using var certificateKey = fixture.Es256Certificate.GetECDsaPublicKey()!;
        Assert.True(message.VerifyDetached(certificateKey, Payload));
        Assert.False(message.VerifyDetached(certificateKey, Encoding.UTF8.GetBytes("""{"status_list":{"bits":1,"lst":"changed"}}""")));
    }

    [SkippableTheory]
    [InlineData(TestKeys.Es256)]
    [InlineData(TestKeys.Rs256)]
    public void The_certificates_made_with_CertificateRequest_on_the_token_are_validly_self_signed(string keyLabel)
    {
        var certificate = keyLabel == TestKeys.Es256 ? fixture.Es256Certificate : fixture.Rs256Certificate;

        Assert.False(certificate.HasPrivateKey);
        Assert.True(Builds(certificate, root: certificate), $"the {keyLabel} certificate's signature does not verify");
    }

    [SkippableFact]
    public void A_certificate_issued_by_the_token_key_chains_to_its_certificate()
    {
        Assert.True(Builds(fixture.NoPublicKeyCertificate, root: fixture.Es256Certificate));
        Assert.False(Builds(fixture.NoPublicKeyCertificate, root: fixture.Rs256Certificate));
    }

    /// <summary>Whether <paramref name="leaf"/> chains to <paramref name="root"/>: every signature checked, at a fixed time within validity.</summary>
    private static bool Builds(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = SoftHsmFixture.NotBefore.AddYears(1).UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(leaf);
    }
}
