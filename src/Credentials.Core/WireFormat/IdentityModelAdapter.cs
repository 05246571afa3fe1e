using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.WireFormat;

/// <summary>
/// The one place that talks to the JOSE library (Microsoft.IdentityModel): building signing credentials,
/// creating compact tokens, and the signature providers that check them. Everything else in the code base
/// works with our own types, so the library can be swapped by changing this file alone.
/// </summary>
internal static class IdentityModelAdapter
{
    private static readonly JsonWebTokenHandler Handler = new()
    {
        // The ePRC carries no iat/nbf/exp on purpose (spec §2): the validity is in the PRC's own dates.
        SetDefaultTimesOnTokenCreation = false,
    };

    public static SecurityKey ToSecurityKey(AsymmetricAlgorithm key, string? keyId) => key switch
    {
        ECDsa ec => new ECDsaSecurityKey(ec) { KeyId = keyId },
        RSA rsa => new RsaSecurityKey(rsa) { KeyId = keyId },
        _ => throw new ArgumentException($"a {key.GetType().Name} key cannot sign an ePRC: use an EC P-256 or RSA key.", nameof(key)),
    };

    public static SigningCredentials CreateSigningCredentials(AsymmetricAlgorithm privateKey, JwsAlgorithm algorithm, EessiKeyId keyId) =>
        new(ToSecurityKey(privateKey, keyId.ToString()), algorithm.Name());

    /// <summary>Creates the compact JWS: header <c>{"alg","kid","typ":"JWT"}</c> (spec §2) over the payload as given.</summary>
    public static string CreateToken(string payloadJson, SigningCredentials credentials) => Handler.CreateToken(payloadJson, credentials);

    public static SignatureProvider CreateVerifier(SecurityKey key, JwsAlgorithm algorithm) =>
        CryptoProviderFactory.Default.CreateForVerifying(key, algorithm.Name());

    public static bool Verify(SignatureProvider provider, byte[] input, int inputLength, byte[] signature) =>
        provider.Verify(input, 0, inputLength, signature, 0, signature.Length);
}
