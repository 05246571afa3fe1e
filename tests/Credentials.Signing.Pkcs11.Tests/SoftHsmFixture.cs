using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Signing.Pkcs11.Tests.SoftHsm;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>
/// The test run's SoftHSM2: two tokens, keys generated on them, and certificates made with <see cref="CertificateRequest"/>
/// signed by the token's keys (nothing exported). Built once for the collection; without softhsm2 the tests skip
/// (and fail under CI=true) when they ask for <see cref="Hsm"/>.
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string TokenLabel = "credentials-test";
    public const string SecondTokenLabel = "credentials-spare";
    public const string Pin = "user-pin-4821";
    public const string SoPin = "so-pin-7713";

    /// <summary>The test certificates' validity: fixed, so no test depends on today's date.</summary>
    public static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NotAfter = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SoftHsmToken? hsm;
    private readonly Exception? setupFailure;
    private X509Certificate2? es256Certificate;
    private X509Certificate2? rs256Certificate;
    private X509Certificate2? noPublicKeyCertificate;

    public SoftHsmFixture()
    {
        var util = TestEnvironment.FindProgram("softhsm2-util");
        if (util is null || !File.Exists(SoftHsmToken.DebianModulePath))
        {
            return;
        }

        try
        {
            hsm = SoftHsmToken.Create(util, SoftHsmToken.DebianModulePath);
            Setup(hsm);
        }
#pragma warning disable CA1031 // Reported by every test that asks for the token, with this as the cause.
        catch (Exception e)
#pragma warning restore CA1031
        {
            setupFailure = e;
        }
    }

    /// <summary>The SoftHSM2 setup; skips the test (fails it under CI=true) when softhsm2 is not installed.</summary>
    internal SoftHsmToken Hsm
    {
        get
        {
            TestEnvironment.RequireProgram("softhsm2-util", "softhsm2");
            TestEnvironment.RequireFile(SoftHsmToken.DebianModulePath, "the SoftHSM2 PKCS#11 module (Debian package softhsm2)");
            if (setupFailure is not null)
            {
                throw new InvalidOperationException("the SoftHSM2 test token could not be set up.", setupFailure);
            }

            return hsm!;
        }
    }

    /// <summary>The self-signed certificate of <see cref="TestKeys.Es256"/>, also stored on the token.</summary>
    public X509Certificate2 Es256Certificate => Ready(es256Certificate);

    /// <summary>The self-signed certificate of <see cref="TestKeys.Rs256"/>, not on the token.</summary>
    public X509Certificate2 Rs256Certificate => Ready(rs256Certificate);

    /// <summary>The certificate of <see cref="TestKeys.NoPublicKey"/> (issued by the ES256 key), not on the token.</summary>
    public X509Certificate2 NoPublicKeyCertificate => Ready(noPublicKeyCertificate);

    /// <summary>Options for a key on the test token.</summary>
    public Pkcs11SignerOptions Options(string keyLabel, string? keyId = null, string pin = Pin, string tokenLabel = TokenLabel, int maxSessions = 4, bool allowExtractable = false) => new()
    {
        ModulePath = Hsm.ModulePath,
        TokenLabel = tokenLabel,
        KeyLabel = keyLabel,
        KeyId = keyId,
        Pin = pin,
        MaxSessions = maxSessions,
        AllowExtractableKey = allowExtractable,
    };

    public void Dispose()
    {
        es256Certificate?.Dispose();
        rs256Certificate?.Dispose();
        noPublicKeyCertificate?.Dispose();
        hsm?.Dispose();
    }

    private X509Certificate2 Ready(X509Certificate2? certificate)
    {
        _ = Hsm;
        return certificate!;
    }

    private void Setup(SoftHsmToken token)
    {
        token.InitToken(TokenLabel, SoPin, Pin);
        token.InitToken(SecondTokenLabel, SoPin, Pin);

        byte[] noPublicKeyPoint = [];
        token.WithSession(TokenLabel, Pin, session =>
        {
            var es256Point = SoftHsmToken.GenerateEcKey(session, TestKeys.Es256, [0x01]);
            SoftHsmToken.GenerateRsaKey(session, TestKeys.Rs256, [0x02], 2048);
            SoftHsmToken.GenerateEcKey(session, TestKeys.Extractable, [0x03], extractable: true);
            SoftHsmToken.GenerateEcKey(session, TestKeys.NotSensitive, [0x04], sensitive: false);
            SoftHsmToken.GenerateEcKey(session, TestKeys.VerifyOnly, [0x05], sign: false);
            SoftHsmToken.GenerateEcKey(session, TestKeys.P384, [0x06], curve: SoftHsmToken.P384);
            SoftHsmToken.GenerateRsaKey(session, TestKeys.Rsa1024, [0x07], 1024);
            SoftHsmToken.GenerateEcKey(session, TestKeys.Twin, [0x08]);
            SoftHsmToken.GenerateEcKey(session, TestKeys.Twin, [0x09]);
            noPublicKeyPoint = SoftHsmToken.GenerateEcKey(session, TestKeys.NoPublicKey, [0x0A], keepPublicKey: false);

            // A key pair whose public key object holds another key's point: mislabelled objects.
            SoftHsmToken.GenerateEcKey(session, TestKeys.Mislabelled, [0x0B], keepPublicKey: false);
            SoftHsmToken.StorePublicKey(session, TestKeys.Mislabelled, [0x0B], es256Point);
        });

        // The certificates are signed on the token, through the signer's ECDsa and RSA (CertificateRequest never sees a private key).
        using (var es256 = Pkcs11Signer.Open(Options(TestKeys.Es256)))
        {
            var ecKey = (ECDsa)es256.AsAsymmetricAlgorithm();
            var request = new CertificateRequest("CN=Credentials test ES256, O=Credentials", ecKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
            es256Certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(ecKey), NotBefore, NotAfter, [0x01]);

            using var noPublicKey = SoftHsmToken.PublicKeyFromEcPoint(noPublicKeyPoint);
            var issued = new CertificateRequest("CN=Credentials test key without public key object, O=Credentials", noPublicKey, HashAlgorithmName.SHA256);
            issued.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            noPublicKeyCertificate = issued.Create(es256Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(ecKey), NotBefore, NotAfter, [0x0A]);
        }

        using (var rs256 = Pkcs11Signer.Open(Options(TestKeys.Rs256)))
        {
            var rsaKey = (RSA)rs256.AsAsymmetricAlgorithm();
            var request = new CertificateRequest("CN=Credentials test RS256, O=Credentials", rsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            rs256Certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(rsaKey, RSASignaturePadding.Pkcs1), NotBefore, NotAfter, [0x02]);
        }

        var stored = es256Certificate;
        token.WithSession(TokenLabel, Pin, session => SoftHsmToken.StoreCertificate(session, TestKeys.Es256, [0x01], stored));
    }
}
