using System.Security.Cryptography.X509Certificates;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// How a document names the key that signed it: a closed set, one case per way. Every case comes down to the
/// signing certificate's SHA-256 digest, which is what the registry's index of EESSI institutions keys on, so the
/// QR token and the wallet formats are trusted through the same registry.
/// </summary>
public abstract record KeyReference
{
    private protected KeyReference()
    {
    }

    /// <summary>The signing certificate's SHA-256 digest.</summary>
    internal abstract CertificateDigest Digest { get; }

    /// <summary>The certificate's <c>x5t#S256</c> thumbprint, for messages.</summary>
    public string Thumbprint => Digest.ToThumbprint();

    /// <summary>The QR token's <c>kid</c>: the certificate's digest itself.</summary>
    public static KeyReference FromKeyId(EessiKeyId keyId) => new CertificateThumbprintReference(keyId);

    /// <summary>A chain as <c>x5c</c> (RFC 7515 §4.1.6) or <c>x5chain</c> carry it: the leaf first.</summary>
    public static KeyReference FromChain(IReadOnlyList<X509Certificate2> chain) => new CertificateChainReference(chain);
}

/// <summary>A key named by the digest of its certificate, as the QR token's <c>kid</c> does (EC ePRC spec §2).</summary>
public sealed record CertificateThumbprintReference(EessiKeyId KeyId) : KeyReference
{
    internal override CertificateDigest Digest => KeyId.Digest;
}

/// <summary>
/// A key named by its certificate chain (leaf first). The registry pins the leaf itself, by its digest, so the
/// chain's other certificates are carried for the holder's wallet and are not needed to trust the leaf.
/// </summary>
public sealed record CertificateChainReference : KeyReference
{
    /// <summary>A reference by a chain, leaf first; an empty chain is an <see cref="ArgumentException"/>. The chain is copied.</summary>
    public CertificateChainReference(IReadOnlyList<X509Certificate2> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            throw new ArgumentException("a certificate chain holds at least the leaf.", nameof(chain));
        }

        Chain = [.. chain];
        Digest = CertificateDigest.Of(Chain[0].RawData);
    }

    /// <summary>The chain, leaf first.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The leaf: the certificate that signed.</summary>
    public X509Certificate2 Leaf => Chain[0];

    internal override CertificateDigest Digest { get; }
}
