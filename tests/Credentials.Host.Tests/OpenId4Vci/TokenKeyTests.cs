using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Database;
using Credentials.Host.Tests.Support;
using Credentials.Signing;
using Credentials.Storage.Accounts;
using Credentials.Storage.Offers;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// The access-token keys and the data-protection key ring at rest, on real SQLite files: with a key-encryption
/// certificate no key ring row holds a plain master key and no token key row is a usable key; a token outlives a
/// restart of its host; the signing key rotates after its configured age, the old one validating its tokens until
/// they expire and then deleted; keys an earlier version kept in the clear are replaced; without a certificate the
/// host says once, at start, that the ring is unencrypted and where.
/// </summary>
public sealed class TokenKeyTests
{
    private const string PublicAddress = "http://wallet.example.test";

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_the_token_keys_are_protected_and_a_token_outlives_a_restart()
    {
        using var scenario = new HostScenario();
        using var certificate = new KeyEncryptionCertificate();
        var ehic = WalletImportHost.StoreEhic(scenario);
        var settings = certificate.With(new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = PublicAddress });
        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);

        string token;
        await using (var before = await WalletImportHost.StartAsync(scenario, settings))
        {
            token = await AccessTokenAsync(before, operatorClient, wallet, ehic.Payload.TokenId!);
        }

        var ring = KeyRing(scenario);
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            // XML encryption to the certificate (EncryptedData with an EncryptedKey), no <value> master key.
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });

        var keys = TokenKeys(scenario);
        Assert.Equal(["access-token-signing.protected/1", "token-encryption.protected"], keys.Select(k => k.Purpose).Order(StringComparer.Ordinal));
        Assert.All(keys, key =>
        {
            using var ecdsa = ECDsa.Create();
            Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(key.Bytes, out _));
            Assert.NotEqual(32, key.Bytes.Length);
        });

        // Another process on the same files: the token the first one issued gets its credential.
        await using var after = await WalletImportHost.StartAsync(scenario, settings);
        var (status, body) = await CredentialAsync(after, wallet, token);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    [Fact]
    public async Task After_a_rotation_of_the_key_encryption_certificate_the_previous_one_reads_the_keys_made_before_it()
    {
        using var scenario = new HostScenario();
        using var first = new KeyEncryptionCertificate();
        using var second = new KeyEncryptionCertificate();
        var ehic = WalletImportHost.StoreEhic(scenario);
        var address = new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = PublicAddress };
        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);

        string token;
        await using (var before = await WalletImportHost.StartAsync(scenario, first.With(address)))
        {
            token = await AccessTokenAsync(before, operatorClient, wallet, ehic.Payload.TokenId!);
        }

        // The new certificate alone cannot read the ring the first one encrypted: the start stops, says what to keep,
        // and has added no key of its own to the shared ring (one the other hosts could not read).
        var ring = KeyRing(scenario);
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => WalletImportHost.StartAsync(scenario, second.With(address)));
        Assert.StartsWith("Credentials:DataProtection:Certificate: key ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("keep the one before in Credentials:DataProtection:Previous", refused.Message, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<ServerStartException>(() => WalletImportHost.StartAsync(scenario, address));
        Assert.Contains("is encrypted to a certificate, and none is configured", none.Message, StringComparison.Ordinal);
        Assert.Equal(ring, KeyRing(scenario));

        // With the first kept as the previous one, the token issued before the rotation still gets its credential,
        // and a key the ring makes now is encrypted to the new certificate only.
        var rotated = second.With(address);
        rotated["Credentials:DataProtection:Previous:0:Certificate"] = first.PfxFile;
        rotated["Credentials:DataProtection:Previous:0:PasswordFile"] = first.PasswordFile;
        await using var after = await WalletImportHost.StartAsync(scenario, rotated);
        var (status, body) = await CredentialAsync(after, wallet, token);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());

        var keysBefore = KeyRing(scenario);
        after.App.Services.GetRequiredService<IKeyManager>().CreateNewKey(scenario.Clock.GetUtcNow(), scenario.Clock.GetUtcNow().AddDays(90));
        var made = Assert.Single(KeyRing(scenario).Except(keysBefore));
        Assert.Contains(Base64Of(second.Certificate), made, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64Of(first.Certificate), made, StringComparison.Ordinal);
        Assert.All(keysBefore, xml => Assert.Contains(Base64Of(first.Certificate), xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_previous_key_encryption_certificate_without_a_current_one_or_without_its_file_stops_the_start()
    {
        using var scenario = new HostScenario();
        using var first = new KeyEncryptionCertificate();
        var alone = await Assert.ThrowsAsync<ServerStartException>(() => WalletImportHost.StartAsync(scenario, new Dictionary<string, string?> { ["Credentials:DataProtection:Previous:0:Certificate"] = first.PfxFile }));
        Assert.StartsWith("Credentials:DataProtection:Previous: earlier certificates are kept beside a current one", alone.Message, StringComparison.Ordinal);

        var missing = first.With(new Dictionary<string, string?> { ["Credentials:DataProtection:Previous:0:Certificate"] = Path.Combine(scenario.DataFolder, "old.pfx") });
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => WalletImportHost.StartAsync(scenario, missing));
        Assert.StartsWith("Credentials:DataProtection:Previous:0:Certificate: there is no file", refused.Message, StringComparison.Ordinal);
    }

    private static string Base64Of(X509Certificate2 certificate) => Convert.ToBase64String(certificate.RawData);

    [Fact]
    public async Task The_signing_key_rotates_after_its_age_and_the_old_one_validates_its_tokens_until_they_expire()
    {
        using var scenario = new HostScenario();
        using var certificate = new KeyEncryptionCertificate();
        var ehic = WalletImportHost.StoreEhic(scenario);
        var settings = certificate.With(new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = PublicAddress, ["Credentials:WalletImport:TokenKeyRotation"] = "30.00:00:00" });
        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);
        await using var host = await WalletImportHost.StartAsync(scenario, settings);

        var first = KeyId(await AccessTokenAsync(host, operatorClient, wallet, ehic.Payload.TokenId!));
        scenario.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(2));
        var lastOfTheOldKey = await AccessTokenAsync(host, operatorClient, wallet, ehic.Payload.TokenId!);
        Assert.Equal(first, KeyId(lastOfTheOldKey));

        // The key is 30 days old: the next token carries another kid; the old key's last token still works.
        scenario.Clock.Advance(TimeSpan.FromMinutes(3));
        var firstOfTheNewKey = await AccessTokenAsync(host, operatorClient, wallet, ehic.Payload.TokenId!);
        Assert.NotEqual(first, KeyId(firstOfTheNewKey));
        Assert.Equal(["access-token-signing.protected/1", "access-token-signing.protected/2"], SigningKeyNames(scenario));
        var (status, body) = await CredentialAsync(host, wallet, lastOfTheOldKey);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());

        // Once every token of the old key has expired, the key is deleted; the new one signs on.
        scenario.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(KeyId(firstOfTheNewKey), KeyId(await AccessTokenAsync(host, operatorClient, wallet, ehic.Payload.TokenId!)));
        Assert.Equal(["access-token-signing.protected/2"], SigningKeyNames(scenario));
    }

    [Fact]
    public async Task Keys_an_earlier_version_stored_in_the_clear_are_deleted_and_never_sign()
    {
        using var scenario = new HostScenario();
        var ehic = WalletImportHost.StoreEhic(scenario);
        using var plain = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (var store = OfferStore.Open(DatabaseLocation.Parse(Path.Combine(scenario.DataFolder, "wallet-offers.db")), scenario.Clock))
        {
            store.TokenKey("access-token-signing", plain.ExportPkcs8PrivateKey, scenario.Clock.GetUtcNow());
            store.TokenKey("token-encryption", () => RandomNumberGenerator.GetBytes(32), scenario.Clock.GetUtcNow());
        }

        using var operatorClient = WalletImportHost.Operator(scenario);
        using var http = new HttpClient();
        var wallet = new WalletClient(http, scenario.Clock);
        await using var host = await WalletImportHost.StartAsync(scenario);
        Assert.Equal(["access-token-signing.protected/1", "token-encryption.protected"], TokenKeys(scenario).Select(k => k.Purpose).Order(StringComparer.Ordinal));
        var token = await AccessTokenAsync(host, operatorClient, wallet, ehic.Payload.TokenId!, host.Issuer);
        var signature = Base64Url(token.Split('.')[2]);
        Assert.False(plain.VerifyData(Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]), signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task Without_a_certificate_the_host_warns_once_at_start_where_the_key_ring_lies_unencrypted()
    {
        using var scenario = new HostScenario();
        using var certificate = new KeyEncryptionCertificate();
        var unencrypted = Path.Combine(scenario.DataFolder, "unencrypted-state.db");
        var encrypted = Path.Combine(scenario.DataFolder, "encrypted-state.db");
        await using (await WalletImportHost.StartAsync(scenario, new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = unencrypted }))
        {
        }

        // A key ring of its own, so token keys of their own too (the others' would not unprotect with it).
        await using (await WalletImportHost.StartAsync(scenario, certificate.With(new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = encrypted, ["Credentials:WalletImport:Store"] = Path.Combine(scenario.DataFolder, "other-offers.db") })))
        {
        }

        var warnings = LogCapture.Lines.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("stored unencrypted", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(warnings, l => l.Contains(unencrypted, StringComparison.Ordinal));
        Assert.Contains("Credentials:DataProtection:Certificate", line, StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, l => l.Contains(encrypted, StringComparison.Ordinal));
        // The key ring was used (the token keys are protected with it), and is in the clear as the warning said.
        Assert.Contains(KeyRing(unencrypted, scenario), xml => xml.Contains("<value>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_without_the_key_ring_that_protected_the_token_keys_stops_at_start_saying_so()
    {
        using var scenario = new HostScenario();
        await using (await WalletImportHost.StartAsync(scenario))
        {
        }

        var refused = await Assert.ThrowsAsync<ServerStartException>(() => WalletImportHost.StartAsync(scenario, new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = Path.Combine(scenario.DataFolder, "another-state.db") }));
        Assert.StartsWith("Credentials:WalletImport:Store: the access-token keys in ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("must share the key ring (Credentials:Accounts:Store)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_ring_in_PostgreSQL_without_a_certificate_stops_the_start_outside_Development()
    {
        using var scenario = new HostScenario();
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = "Host=127.0.0.1;Port=1;Database=state;Username=credentials" })));
        Assert.StartsWith("Credentials:DataProtection:Certificate: the data-protection key ring", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);

        var missing = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:DataProtection:Certificate"] = Path.Combine(scenario.DataFolder, "none.pfx") })));
        Assert.StartsWith("Credentials:DataProtection:Certificate: there is no file", missing.Message, StringComparison.Ordinal);
        var password = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:DataProtection:Password"] = "secret" })));
        Assert.Contains("there is no setting 'Password'", password.Message, StringComparison.Ordinal);
    }

    /// <summary>An offer for the document, its code redeemed: the access token.</summary>
    internal static async Task<string> AccessTokenAsync(WalletImportHost host, HttpClient operatorClient, WalletClient wallet, string documentId, string publicAddress = PublicAddress)
    {
        var offerUri = (string)(await host.CreateOfferAsync(operatorClient, documentId))["offer_uri"]!;
        var offer = await wallet.ResolveOfferAsync(offerUri.Replace(Uri.EscapeDataString(publicAddress), Uri.EscapeDataString(host.Issuer), StringComparison.Ordinal));
        var code = (string)offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!;
        var (status, token) = await wallet.TokenAsync(host.Issuer + "/token", code);
        Assert.True(status == HttpStatusCode.OK, token.ToJsonString());
        return (string)token["access_token"]!;
    }

    /// <summary>The EHIC's credential for one fresh holder key, with the access token.</summary>
    internal static async Task<(HttpStatusCode Status, JsonObject Body)> CredentialAsync(WalletImportHost host, WalletClient wallet, string token, string audience = PublicAddress)
    {
        using var holder = InMemorySigner.CreateP256();
        var nonce = await wallet.NonceAsync(host.Issuer + "/nonce");
        return await wallet.CredentialAsync(host.Issuer + "/credential", token, "ehic_dc+sd-jwt", [wallet.Proof(holder, audience, nonce)]);
    }

    internal static string KeyId(string jwt) => (string)JsonNode.Parse(Base64Url(jwt.Split('.')[0]))!["kid"]!;

    private static IReadOnlyList<string> KeyRing(HostScenario scenario) => KeyRing(Path.Combine(scenario.DataFolder, "state.db"), scenario);

    private static IReadOnlyList<string> KeyRing(string file, HostScenario scenario)
    {
        using var ring = DataProtectionKeyStore.Open(file, scenario.Clock);
        return ring.All();
    }

    private static List<StoredTokenKey> TokenKeys(HostScenario scenario)
    {
        using var store = OfferStore.Open(DatabaseLocation.Parse(Path.Combine(scenario.DataFolder, "wallet-offers.db")), scenario.Clock);
        return [.. store.TokenKeys("access-token-signing"), .. store.TokenKeys("token-encryption")];
    }

    private static string[] SigningKeyNames(HostScenario scenario) => [.. TokenKeys(scenario).Select(k => k.Purpose).Where(p => p.StartsWith("access-token-signing", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
