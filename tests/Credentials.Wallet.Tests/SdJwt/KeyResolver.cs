using System.Security.Cryptography;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// A resolver over keys known to the test: by <c>kid</c> when the header has one that is known, else the only key.
/// It records the headers it was asked about.
/// </summary>
internal sealed class KeyResolver(IReadOnlyDictionary<string, AsymmetricAlgorithm> keysById, AsymmetricAlgorithm? onlyKey) : IIssuerKeyResolver
{
    public List<JoseHeader> Asked { get; } = [];

    public static KeyResolver Single(AsymmetricAlgorithm key) => new(new Dictionary<string, AsymmetricAlgorithm>(), key);

    public static KeyResolver ById(IReadOnlyDictionary<string, AsymmetricAlgorithm> keys) => new(keys, keys.Count == 1 ? keys.Values.Single() : null);

    public IssuerKeyResolution Resolve(JoseHeader header, string? issuer)
    {
        Asked.Add(header);
        if (header.KeyId is { } kid && keysById.TryGetValue(kid, out var key))
        {
            return IssuerKeyResolution.Found(key);
        }

        return onlyKey is null ? IssuerKeyResolution.Refused("no key with this kid") : IssuerKeyResolution.Found(onlyKey);
    }
}
