using Credentials.Issuance.Keys;
using Credentials.Tests.Support;

namespace Credentials.Tests.Issuance;

/// <summary>The key formats of samples/keys: PKCS#8 PEM (plain and encrypted), PKCS#12.</summary>
public sealed class SigningKeyLoaderTests
{
    private static string Key(string name) => Repository.Samples("keys", name);

    [Theory]
    [InlineData("es256.key.pem", "es256.cert.pem", null)]
    [InlineData("rs256.key.pem", "rs256.cert.pem", null)]
    [InlineData("es256.key.encrypted.pem", "es256.cert.pem", "sample-password")]
    [InlineData("es256.p12", null, "sample-password")]
    [InlineData("es256.p12", "es256.cert.pem", "sample-password")]
    public void Every_supported_format_loads_a_matching_key_and_certificate(string key, string? certificate, string? password)
    {
        using var identity = SigningKeyLoader.Load(Key(key), certificate is null ? null : Key(certificate), password);
        Assert.Equal(identity.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), identity.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.False(string.IsNullOrEmpty(identity.Certificate.Subject));
    }

    [Theory]
    [InlineData("es256.key.encrypted.pem", "es256.cert.pem", null, "password")]
    [InlineData("es256.key.encrypted.pem", "es256.cert.pem", "wrong", "wrong password")]
    [InlineData("es256.p12", null, "wrong", "wrong password")]
    [InlineData("es256.key.pem", null, null, "--cert")]
    [InlineData("es256.key.pem", "rs256.cert.pem", null, "does not belong to the certificate")]
    [InlineData("es256.cert.pem", "es256.cert.pem", null, "not a private key")]
    [InlineData("missing.pem", "es256.cert.pem", null, "does not exist")]
    public void Unusable_keys_are_refused_with_a_reason(string key, string? certificate, string? password, string reason)
    {
        var error = Assert.Throws<SigningKeyException>(() => SigningKeyLoader.Load(Key(key), certificate is null ? null : Key(certificate), password));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
