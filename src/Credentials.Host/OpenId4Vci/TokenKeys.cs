using System.Security.Cryptography;
using Credentials.Storage.Offers;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// The keys the token endpoint signs (ES256) and encrypts (AES-256) its tokens with, kept in the shared wallet-import
/// database: the first host to start creates them, every other host reads the same ones, so an access token from
/// one host is accepted by all of them. They never leave that database.
/// </summary>
internal static class TokenKeys
{
    public static SecurityKey Signing(OfferStore store, TimeProvider time)
    {
        var pkcs8 = store.TokenKey("access-token-signing", () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKey();
        }, time.GetUtcNow());
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return new ECDsaSecurityKey(key) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16] };
    }

    public static SecurityKey Encryption(OfferStore store, TimeProvider time) =>
        new SymmetricSecurityKey(store.TokenKey("token-encryption", () => RandomNumberGenerator.GetBytes(32), time.GetUtcNow()));
}
