using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>What stops a key from being opened, each as one clear line that never holds the PIN.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class Pkcs11SignerOpeningTests(SoftHsmFixture fixture)
{
    private const string WrongPin = "wrong-pin-90417";

    [SkippableFact]
    public void A_wrong_PIN_is_named_without_the_PIN()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Es256, pin: WrongPin));

        Assert.Equal(Pkcs11Problem.PinIncorrect, failure.Problem);
        Assert.Equal("the PIN for token 'credentials-test' is incorrect (the token counts failed attempts and may lock the PIN).", failure.Message);
        Assert.DoesNotContain(WrongPin, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsmFixture.Pin, failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void After_a_wrong_PIN_the_right_one_opens_the_key()
    {
        OpenFails(fixture.Options(TestKeys.Es256, pin: WrongPin));

        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Es256));

        Assert.Equal(1, signer.SessionsOpened);
    }

    /// <summary>
    /// SoftHSM2 never locks a PIN (it returns CKR_PIN_INCORRECT however often it is wrong), so the other refusals of
    /// C_Login are checked on the mapping from the return value alone.
    /// </summary>
    [Theory]
    [InlineData(CKR.CKR_PIN_INCORRECT, Pkcs11Problem.PinIncorrect, "the PIN for token 'hsm' is incorrect (the token counts failed attempts and may lock the PIN).")]
    [InlineData(CKR.CKR_PIN_LEN_RANGE, Pkcs11Problem.PinIncorrect, "the PIN for token 'hsm' is incorrect (the token counts failed attempts and may lock the PIN).")]
    [InlineData(CKR.CKR_PIN_LOCKED, Pkcs11Problem.PinLocked, "the user PIN of token 'hsm' is locked after too many wrong attempts: its security officer must unlock it.")]
    [InlineData(CKR.CKR_PIN_EXPIRED, Pkcs11Problem.PinLocked, "the user PIN of token 'hsm' has expired: set a new one before signing.")]
    [InlineData(CKR.CKR_USER_PIN_NOT_INITIALIZED, Pkcs11Problem.PinIncorrect, "token 'hsm' has no user PIN yet: its security officer must set one.")]
    [InlineData(CKR.CKR_DEVICE_ERROR, Pkcs11Problem.TokenFailure, "token 'hsm' failed to log in (CKR_DEVICE_ERROR).")]
    public void Each_refused_login_says_what_to_do(CKR returnValue, Pkcs11Problem problem, string message)
    {
        var failure = Pkcs11Failures.Login("hsm", new Pkcs11Exception("C_Login", returnValue));

        Assert.Equal(problem, failure.Problem);
        Assert.Equal(message, failure.Message);
    }

    [SkippableFact]
    public void An_unknown_token_label_lists_the_labels_found()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Es256, tokenLabel: "no-such-token"));

        Assert.Equal(Pkcs11Problem.TokenNotFound, failure.Problem);
        Assert.Equal($"no token labelled 'no-such-token' in the PKCS#11 module '{fixture.Hsm.ModulePath}' (tokens found: 'credentials-spare', 'credentials-test').", failure.Message);
    }

    [SkippableFact]
    public void An_unknown_key_label_lists_the_private_keys_found()
    {
        var failure = OpenFails(fixture.Options("no-such-key"));

        Assert.Equal(Pkcs11Problem.KeyNotFound, failure.Problem);
        Assert.Equal("no private key labelled 'no-such-key' on token 'credentials-test' (private keys found: 'es256', 'extractable', 'mislabelled', 'no-public-key', 'not-sensitive', 'p384', 'rs256', 'rsa1024', 'twin', 'verify-only').", failure.Message);
    }

    [SkippableFact]
    public void A_token_without_private_keys_says_so()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Es256, tokenLabel: SoftHsmFixture.SecondTokenLabel));

        Assert.Equal(Pkcs11Problem.KeyNotFound, failure.Problem);
        Assert.Equal("no private key labelled 'es256' on token 'credentials-spare': the token holds no private key.", failure.Message);
    }

    [SkippableFact]
    public void Two_keys_with_one_label_need_the_key_id_which_also_finds_the_right_public_key()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Twin));

        Assert.Equal(Pkcs11Problem.KeyAmbiguous, failure.Problem);
        Assert.Equal("2 private keys are labelled 'twin' on token 'credentials-test': give the key's id (CKA_ID) too.", failure.Message);

        // Both public key objects are labelled 'twin': the id picks the right one, or the open's test signature would not verify.
        using var first = Pkcs11Signer.Open(fixture.Options(TestKeys.Twin, keyId: "08"));
        using var second = Pkcs11Signer.Open(fixture.Options(TestKeys.Twin, keyId: "09"));
        Assert.NotEqual(first.PublicKey.ExportSubjectPublicKeyInfo(), second.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [SkippableFact]
    public void A_key_id_that_matches_nothing_is_named_with_the_label()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Es256, keyId: "7f"));

        Assert.Equal(Pkcs11Problem.KeyNotFound, failure.Problem);
        Assert.StartsWith("no private key labelled 'es256' and id 7f on token 'credentials-test' (private keys found: ", failure.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(TestKeys.P384, "the key 'p384' on token 'credentials-test' is an EC key on the curve 1.3.132.0.34: ES256 needs P-256 (1.2.840.10045.3.1.7).")]
    [InlineData(TestKeys.Rsa1024, "the key 'rsa1024' on token 'credentials-test' is an RSA key of 1024 bits: RS256 needs at least 2048.")]
    public void A_key_ES256_and_RS256_do_not_allow_is_refused(string keyLabel, string message)
    {
        var failure = OpenFails(fixture.Options(keyLabel));

        Assert.Equal(Pkcs11Problem.KeyTypeUnsupported, failure.Problem);
        Assert.Equal(message, failure.Message);
    }

    [SkippableFact]
    public void A_key_that_may_not_sign_is_refused()
    {
        var failure = OpenFails(fixture.Options(TestKeys.VerifyOnly));

        Assert.Equal(Pkcs11Problem.SigningNotAllowed, failure.Problem);
        Assert.Equal("the key 'verify-only' on token 'credentials-test' is not allowed to sign (CKA_SIGN is false).", failure.Message);
    }

    [SkippableTheory]
    [InlineData(TestKeys.Extractable, "CKA_EXTRACTABLE is true")]
    [InlineData(TestKeys.NotSensitive, "CKA_SENSITIVE is false")]
    public void A_key_that_can_leave_the_token_is_refused_unless_allowed(string keyLabel, string reason)
    {
        var failure = OpenFails(fixture.Options(keyLabel));

        Assert.Equal(Pkcs11Problem.KeyExtractable, failure.Problem);
        Assert.Equal($"the key '{keyLabel}' on token 'credentials-test' can leave the token ({reason}): generate the key on the token as sensitive and not extractable, or allow it explicitly.", failure.Message);

        using var allowed = Pkcs11Signer.Open(fixture.Options(keyLabel, allowExtractable: true));
        var signature = new byte[allowed.SignatureLength];
        allowed.Sign([1, 2, 3], signature);
        Assert.True(((System.Security.Cryptography.ECDsa)allowed.PublicKey).VerifyData(new byte[] { 1, 2, 3 }, signature, System.Security.Cryptography.HashAlgorithmName.SHA256));
    }

    [SkippableFact]
    public void A_key_without_public_key_or_certificate_on_the_token_is_refused()
    {
        var failure = OpenFails(fixture.Options(TestKeys.NoPublicKey));

        Assert.Equal(Pkcs11Problem.PublicKeyNotFound, failure.Problem);
        Assert.Equal("token 'credentials-test' holds neither a public key nor a certificate for key 'no-public-key' (same id or label): store one there, or give the certificate.", failure.Message);
    }

    [SkippableFact]
    public void A_public_key_object_of_another_key_is_caught_when_the_key_is_opened()
    {
        var failure = OpenFails(fixture.Options(TestKeys.Mislabelled));

        Assert.Equal(Pkcs11Problem.PublicKeyMismatch, failure.Problem);
        Assert.Equal("the public key found for key 'mislabelled' on token 'credentials-test' does not verify the key's signatures: the public key or certificate stored with it belongs to another key.", failure.Message);
    }

    [SkippableFact]
    public void A_missing_module_file_is_named()
    {
        var missing = Path.Combine(fixture.Hsm.Folder, "no-such-module.so");

        var failure = OpenFails(fixture.Options(TestKeys.Es256) with { ModulePath = missing });

        Assert.Equal(Pkcs11Problem.ModuleNotFound, failure.Problem);
        Assert.Equal($"the PKCS#11 module '{missing}' does not exist.", failure.Message);
    }

    [SkippableFact]
    public void A_file_that_is_not_a_PKCS11_library_is_named()
    {
        var notALibrary = Path.Combine(fixture.Hsm.Folder, "softhsm2.conf");

        var failure = OpenFails(fixture.Options(TestKeys.Es256) with { ModulePath = notALibrary });

        Assert.Equal(Pkcs11Problem.NotAPkcs11Module, failure.Problem);
        Assert.Equal($"'{notALibrary}' is not a PKCS#11 library: it could not be loaded, or has no C_GetFunctionList.", failure.Message);
    }

    [SkippableFact]
    public void A_shared_library_without_the_PKCS11_entry_point_is_named()
    {
        // A native library of the .NET runtime itself: loadable, but without C_GetFunctionList.
        var library = TestEnvironment.RequireFile(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so"), "the .NET runtime's libSystem.Native");

        var failure = OpenFails(fixture.Options(TestKeys.Es256) with { ModulePath = library });

        Assert.Equal(Pkcs11Problem.NotAPkcs11Module, failure.Problem);
        Assert.Equal($"'{library}' is not a PKCS#11 library: it could not be loaded, or has no C_GetFunctionList.", failure.Message);
    }

    [SkippableTheory]
    [InlineData(0, null, "", "the session pool size 0 is out of range: 1 to 256.")]
    [InlineData(4, "0x1g", "", "the key id '0x1g' is not hexadecimal (e.g. 01a2 or 01:a2).")]
    [InlineData(4, null, "label", "no token label was given.")]
    [InlineData(4, null, "pin", "no PIN was given for token 'credentials-test'.")]
    public void Incomplete_options_are_named(int maxSessions, string? keyId, string emptied, string message)
    {
        var options = fixture.Options(TestKeys.Es256, keyId: keyId, maxSessions: maxSessions);
        options = emptied switch
        {
            "label" => options with { TokenLabel = "" },
            "pin" => options with { Pin = "" },
            _ => options,
        };

        var failure = OpenFails(options);

        Assert.Equal(Pkcs11Problem.InvalidOptions, failure.Problem);
        Assert.Equal(message, failure.Message);
    }

    [SkippableFact]
    public void A_key_id_with_colons_opens_the_key()
    {
        using var signer = Pkcs11Signer.Open(fixture.Options(TestKeys.Twin, keyId: "09"));
        using var withColons = Pkcs11Signer.Open(fixture.Options(TestKeys.Twin, keyId: "0:9"));

        Assert.Equal(signer.PublicKey.ExportSubjectPublicKeyInfo(), withColons.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [SkippableFact]
    public void The_options_as_text_leave_the_PIN_out()
    {
        var text = fixture.Options(TestKeys.Es256).ToString();

        Assert.Contains("KeyLabel = es256", text, StringComparison.Ordinal);
        Assert.Contains("Pin = (hidden)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SoftHsmFixture.Pin, text, StringComparison.Ordinal);
    }

    private static Pkcs11SignerException OpenFails(Pkcs11SignerOptions options)
    {
        var failure = Assert.Throws<Pkcs11SignerException>(() => Pkcs11Signer.Open(options).Dispose());
        Assert.DoesNotContain('\n', failure.Message);
        Assert.DoesNotContain(options.Pin is { Length: > 0 } pin ? pin : "\u0000", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pkcs11Interop", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Method C_", failure.Message, StringComparison.Ordinal);
        return failure;
    }
}
