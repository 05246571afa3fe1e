using System.Globalization;
using System.Security.Cryptography;
using Credentials.Storage.Offers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// The keys the token endpoint signs its access tokens with (ES256) and the one it would encrypt tokens with
/// (AES-256), kept in the shared wallet-import database and only in protected form: each is protected with the data
/// protection key ring (purpose <see cref="ProtectorPurpose"/>) before it is stored and unprotected when read, so the
/// database alone, or a backup of it, holds no usable key. The signing key is rotated: once the newest is
/// <see cref="WalletImportOptions.TokenKeyRotation"/> old, the next host to sign stores generation n + 1, named by its
/// number, so hosts racing to rotate store one key between them and all sign with it; the key before stays for
/// validation until every token it signed has expired, then is deleted.
/// </summary>
internal sealed class TokenKeyRing
{
    /// <summary>The data-protection purpose the token keys are protected under.</summary>
    public const string ProtectorPurpose = "Credentials.OpenId4Vci.TokenKeys.v1";

    /// <summary>The stored signing keys' names: this prefix and the generation number (1, 2, …).</summary>
    public const string SigningPrefix = "access-token-signing.protected/";

    /// <summary>The stored encryption key's name.</summary>
    public const string EncryptionPurpose = "token-encryption.protected";

    /// <summary>
    /// Where earlier versions kept the keys in the clear. They are deleted, not protected and kept: a key that lay
    /// readable in the database (and in its backups) may have been copied, so it never signs again. Replacing them
    /// costs only the access tokens issued in the last few minutes before the upgrade (they live at most an hour).
    /// </summary>
    private static readonly string[] PlainPurposes = ["access-token-signing", "token-encryption"];

    /// <summary>Tolerated clock difference between hosts, added to the tokens' lifetime before a retired key goes.</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    /// <summary>At most one reload per this for a token naming a key this host has not read (a newer host's).</summary>
    private static readonly TimeSpan UnknownKeyReload = TimeSpan.FromSeconds(1);

    private readonly OfferStore store;
    private readonly IDataProtector protector;
    private readonly WalletImportOptions options;
    private readonly TimeProvider time;
    private readonly Lock gate = new();

    /// <summary>The keys unprotected so far, by stored name: a read again reuses them (only under <see cref="gate"/>).</summary>
    private readonly Dictionary<string, SecurityKey> unprotected = new(StringComparer.Ordinal);
    private Snapshot? current;

    public TokenKeyRing(OfferStore store, IDataProtectionProvider protection, WalletImportOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(protection);
        this.store = store;
        this.options = options;
        this.time = time;
        protector = protection.CreateProtector(ProtectorPurpose);
    }

    /// <summary>
    /// Reads (or creates) the keys now, deleting keys an earlier version stored in the clear. Throws
    /// <see cref="CryptographicException"/> when a stored key does not unprotect with this host's key ring.
    /// </summary>
    public void Load()
    {
        foreach (var purpose in PlainPurposes)
        {
            store.DeleteTokenKey(purpose);
        }

        lock (gate)
        {
            current = Read(time.GetUtcNow());
        }
    }

    /// <summary>The key new access tokens are signed with: the newest generation.</summary>
    public SigningCredentials Signing() => new(Now().Signing[^1].Key, SecurityAlgorithms.EcdsaSha256);

    /// <summary>The encryption key (OpenIddict requires one; access tokens are signed, not encrypted).</summary>
    public SecurityKey Encryption() => Now().Encryption;

    /// <summary>The keys a token may be signed with now: the current one and those whose tokens may still be alive.</summary>
    public IReadOnlyList<SecurityKey> Validation(string? keyId)
    {
        var snapshot = Now();
        if (keyId is not null && !snapshot.Signing.Any(k => k.Key.KeyId == keyId) && time.GetUtcNow() - snapshot.ReadAt >= UnknownKeyReload)
        {
            // Another host may have rotated a moment before this one (their clocks differ by a little).
            lock (gate)
            {
                snapshot = current = Read(time.GetUtcNow());
            }
        }

        return [.. snapshot.Signing.Select(k => (SecurityKey)k.Key)];
    }

    private Snapshot Now()
    {
        var snapshot = current;
        var now = time.GetUtcNow();
        if (snapshot is not null && now < snapshot.ReadAgainAt)
        {
            return snapshot;
        }

        lock (gate)
        {
            if (current is null || now >= current.ReadAgainAt)
            {
                current = Read(now);
            }

            return current;
        }
    }

    private Snapshot Read(DateTimeOffset now)
    {
        var generations = SigningGenerations();
        if (generations.Count == 0 || now >= generations[^1].CreatedAt + options.TokenKeyRotation)
        {
            // One name per generation: hosts rotating at once insert the same name, and the first row stays.
            var next = generations.Count == 0 ? 1 : generations[^1].Generation + 1;
            store.TokenKey(SigningPrefix + next.ToString(CultureInfo.InvariantCulture), NewSigningKey, now);
            generations = SigningGenerations();
        }

        // A key's tokens are signed until its successor exists, and live at most AccessTokenLifetime after that.
        var keep = new List<SigningKey>();
        for (var i = 0; i < generations.Count; i++)
        {
            var retiredAt = i + 1 < generations.Count ? generations[i + 1].CreatedAt + options.AccessTokenLifetime + ClockMargin : DateTimeOffset.MaxValue;
            if (now >= retiredAt)
            {
                store.DeleteTokenKey(generations[i].Purpose);
            }
            else
            {
                keep.Add(generations[i] with { RetiredAt = retiredAt });
            }
        }

        if (!unprotected.TryGetValue(EncryptionPurpose, out var encryption))
        {
            encryption = unprotected[EncryptionPurpose] = new SymmetricSecurityKey(protector.Unprotect(store.TokenKey(EncryptionPurpose, () => protector.Protect(RandomNumberGenerator.GetBytes(32)), now)));
        }

        var signing = keep.Select(k => k with { Key = Unprotected(k) }).ToList();
        foreach (var gone in unprotected.Keys.Where(name => name != EncryptionPurpose && signing.All(k => k.Purpose != name)).ToList())
        {
            unprotected.Remove(gone);
        }

        var readAgainAt = keep.Select(k => k.RetiredAt).Append(keep[^1].CreatedAt + options.TokenKeyRotation).Min();
        return new Snapshot(signing, encryption, now, readAgainAt);
    }

    private List<SigningKey> SigningGenerations() =>
        [.. store.TokenKeys(SigningPrefix)
            .Select(k => int.TryParse(k.Purpose.AsSpan(SigningPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                ? new SigningKey(generation, k.Purpose, k.Bytes, k.CreatedAt, DateTimeOffset.MaxValue, null!)
                : null)
            .OfType<SigningKey>()
            .OrderBy(k => k.Generation)];

    private byte[] NewSigningKey()
    {
        using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = created.ExportPkcs8PrivateKey();
        try
        {
            return protector.Protect(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private ECDsaSecurityKey Unprotected(SigningKey stored)
    {
        if (!unprotected.TryGetValue(stored.Purpose, out var key))
        {
            key = unprotected[stored.Purpose] = SecurityKeyOf(stored.Bytes);
        }

        return (ECDsaSecurityKey)key;
    }

    private ECDsaSecurityKey SecurityKeyOf(byte[] stored)
    {
        var pkcs8 = protector.Unprotect(stored);
        try
        {
            var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            return new ECDsaSecurityKey(key) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16] };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private sealed record SigningKey(int Generation, string Purpose, byte[] Bytes, DateTimeOffset CreatedAt, DateTimeOffset RetiredAt, ECDsaSecurityKey Key);

    /// <summary>What was read: the signing keys oldest first (the last signs), the encryption key, and when to read again.</summary>
    private sealed record Snapshot(IReadOnlyList<SigningKey> Signing, SecurityKey Encryption, DateTimeOffset ReadAt, DateTimeOffset ReadAgainAt);
}
