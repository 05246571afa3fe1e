using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Credentials.Wallet.SdJwt;

/// <summary>What an <see cref="IIssuerKeyResolver"/> answers: a trusted public key, or a refusal with its reason.</summary>
public sealed class IssuerKeyResolution
{
    private IssuerKeyResolution(AsymmetricAlgorithm? key, string? refusal)
    {
        Key = key;
        Refusal = refusal;
    }

    /// <summary>The issuer's public key (<see cref="ECDsa"/> or <see cref="RSA"/>), owned by the resolver; null when refused.</summary>
    public AsymmetricAlgorithm? Key { get; }

    /// <summary>Why no key is trusted, in one line without personal data; null when found.</summary>
    public string? Refusal { get; }

    /// <summary>Whether a key was found.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsFound => Key is not null;

    /// <summary>A trusted key.</summary>
    public static IssuerKeyResolution Found(AsymmetricAlgorithm key) => new(key ?? throw new ArgumentNullException(nameof(key)), null);

    /// <summary>No trusted key, and why.</summary>
    public static IssuerKeyResolution Refused(string reason) => new(null, string.IsNullOrWhiteSpace(reason) ? "no trusted key" : reason);
}
