using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>One signer shared by many threads: sessions are pooled and bounded, broken ones replaced, the module shared.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class Pkcs11SessionPoolTests(SoftHsmFixture fixture)
{
    [SkippableFact]
    public void Eight_threads_of_200_signatures_on_one_signer_all_verify_within_the_session_bound()
    {
        const int Threads = 8;
        const int SignaturesPerThread = 200;
        const int MaxSessions = 4;
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256, maxSessions: MaxSessions));
        var signed = new ConcurrentBag<(byte[] Data, byte[] Signature)>();
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < SignaturesPerThread; i++)
            {
                var data = Encoding.ASCII.GetBytes($"thread {t} signature {i}");
                var signature = new byte[signer.SignatureLength];
                signer.Sign(data, signature);
                signed.Add((data, signature));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Threads * SignaturesPerThread, signed.Count);
        using var certificateKey = fixture.Es256Certificate.GetECDsaPublicKey()!;
        Assert.All(signed, s => Assert.True(certificateKey.VerifyData(s.Data, s.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        Assert.InRange(signer.SessionsOpened, 1, MaxSessions);
    }

    [SkippableFact]
    public void Sessions_the_token_closed_are_replaced_and_the_signer_logs_in_again()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Rs256, maxSessions: 2));
        SignAndVerify(signer, "before");
        var openedBefore = signer.SessionsOpened;

        // As after a device reset: every session of this application on the token ends, and with the last one the
        // login and the private key's handle (PKCS#11 v2.40 base §5.6 C_CloseSession).
        CloseAllSessionsOnToken();

        SignAndVerify(signer, "after the sessions were closed");
        SignAndVerify(signer, "and again");
        Assert.True(signer.SessionsOpened > openedBefore, $"{signer.SessionsOpened} sessions opened, {openedBefore} before the token closed them");
        Assert.InRange(signer.SessionsOpened, openedBefore + 1, openedBefore + 2);
    }

    [SkippableFact]
    public void Signers_on_one_module_share_it_and_one_disposed_leaves_the_other_working()
    {
        using var rs256 = Pkcs11Signer.Open(fixture.Options(TestKeys.Rs256));
        var es256 = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        SignAndVerify(es256, "both open");
        SignAndVerify(rs256, "both open");

        // Were the module not shared, this would finalise the library under the RS256 signer (C_Finalize).
        es256.Dispose();

        SignAndVerify(rs256, "after the other signer was disposed");
    }

    [SkippableFact]
    public void A_disposed_signer_refuses_to_sign()
    {
        var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));
        signer.Dispose();
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign([1], new byte[64]));
        Assert.Throws<ObjectDisposedException>(() => ((ECDsa)signer.AsAsymmetricAlgorithm()).SignHash(new byte[32]));
    }

    private void CloseAllSessionsOnToken()
    {
        var module = Pkcs11Module.Acquire(fixture.Hsm.ModulePath);
        try
        {
            Pkcs11TokenFinder.Find(module, SoftHsmFixture.TokenLabel).CloseAllSessions();
        }
        finally
        {
            module.Release();
        }
    }

    private static void SignAndVerify(Pkcs11Signer signer, string text)
    {
        var data = Encoding.ASCII.GetBytes(text);
        var signature = new byte[signer.SignatureLength];
        signer.Sign(data, signature);
        var verifies = signer.PublicKey switch
        {
            ECDsa ec => ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
        Assert.True(verifies, $"the {signer.Algorithm} signature {text} does not verify");
    }
}
