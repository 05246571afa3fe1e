using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.WireFormat;

/// <summary>
/// The one place that talks to the JOSE library (Microsoft.IdentityModel.Tokens): it maps our algorithms and
/// keys to its signature providers, which do the JWS signing and checking (RFC 7518 §3.3, §3.4). Everything
/// else in the code base works with our own types, so the library can be swapped by changing this file alone.
/// </summary>
internal static class IdentityModelAdapter
{
    /// <summary>
    /// Our own factory, without the library's process-wide provider cache: that cache is keyed by key id, so a
    /// key loaded again under the same kid (a reloaded registry, a second issuance run) would be handed a
    /// provider bound to the earlier, possibly disposed, key object. Each signer and verification key holds
    /// its provider itself instead, for as long as it lives.
    /// </summary>
    private static readonly CryptoProviderFactory Factory = new() { CacheSignatureProviders = false };

    public static SecurityKey ToSecurityKey(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => new ECDsaSecurityKey(ec),
        RSA rsa => new RsaSecurityKey(rsa),
        _ => throw new ArgumentException($"a {key.GetType().Name} key cannot sign an ePRC: use an EC P-256 or RSA key.", nameof(key)),
    };

    public static SignatureProvider CreateSigner(AsymmetricAlgorithm privateKey, JwsAlgorithm algorithm) =>
        Factory.CreateForSigning(ToSecurityKey(privateKey), algorithm.Name());

    public static SignatureProvider CreateVerifier(SecurityKey key, JwsAlgorithm algorithm) =>
        Factory.CreateForVerifying(key, algorithm.Name());

    public static bool TrySign(SignatureProvider provider, ReadOnlySpan<byte> input, Span<byte> signature, out int written) =>
        provider.Sign(input, signature, out written);

    public static bool Verify(SignatureProvider provider, byte[] input, int inputOffset, int inputLength, byte[] signature) =>
        provider.Verify(input, inputOffset, inputLength, signature, 0, signature.Length);
}
