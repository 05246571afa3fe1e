using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.WireFormat;

namespace Credentials.Signing;

/// <summary>
/// A signer joined to its certificate (and the certificate's issuers, without the root). Built once per key: the
/// public keys of signer and certificate must be the same key, or nothing is signed.
/// </summary>
public sealed class CertificateSigner : ICertificateSigner, IDisposable
{
    private readonly ISigner signer;
    private readonly bool ownsSigner;

    /// <summary>Joins <paramref name="signer"/> to <paramref name="certificate"/>; with <paramref name="ownsSigner"/>, disposing this disposes the signer.</summary>
    public CertificateSigner(ISigner signer, X509Certificate2 certificate, IReadOnlyList<X509Certificate2>? issuers = null, bool ownsSigner = true)
    {
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
        if (!PublicKeysMatch(signer.PublicKey, certificate))
        {
            throw new ArgumentException("the private key does not belong to the certificate (their public keys differ).", nameof(certificate));
        }

        this.ownsSigner = ownsSigner;
        CertificateChain = [certificate, .. (issuers ?? []).Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData) is false)];
        KeyId = EessiKeyId.FromCertificate(certificate);
    }

    /// <inheritdoc/>
    public X509Certificate2 Certificate { get; }

    /// <inheritdoc/>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The certificate's kid, as the QR token names it (<c>EESSI:x5t#S256:…</c>).</summary>
    public EessiKeyId KeyId { get; }

    /// <summary>The certificate's first and last day of validity, compared as dates (EC ePRC spec §5 step 5).</summary>
    public (DateOnly First, DateOnly Last) ValidDates => (DateOnly.FromDateTime(Certificate.NotBefore.ToUniversalTime()), DateOnly.FromDateTime(Certificate.NotAfter.ToUniversalTime()));

    /// <inheritdoc/>
    public JwsAlgorithm Algorithm => signer.Algorithm;

    /// <inheritdoc/>
    public int SignatureLength => signer.SignatureLength;

    /// <inheritdoc/>
    public AsymmetricAlgorithm PublicKey => signer.PublicKey;

    /// <inheritdoc/>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => signer.Sign(data, signature);

    /// <inheritdoc/>
    public AsymmetricAlgorithm AsAsymmetricAlgorithm() => signer.AsAsymmetricAlgorithm();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsSigner && signer is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private static bool PublicKeysMatch(AsymmetricAlgorithm key, X509Certificate2 certificate)
    {
        var certificateKey = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        return key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificateKey),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificateKey),
            _ => false,
        };
    }
}
