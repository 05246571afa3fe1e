using System.Security.Cryptography.X509Certificates;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// A signing certificate the registry knows, with the validity the registry gives it (EC resolver,
/// `certificates[]`). Expired and replaced certificates are kept, so old documents stay verifiable.
/// One instance is shared by every institution the certificate signs for.
/// </summary>
public sealed class TrustedCertificate
{
    private JwsVerificationKey? key;
    private string? keyProblem;

    public TrustedCertificate(X509Certificate2 certificate, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null)
    {
        Certificate = certificate;
        Thumbprint = EessiKeyId.ComputeThumbprint(certificate);
        ValidFrom = validFrom ?? new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        ValidUntil = validUntil ?? new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

        // Spec §5 step 5 compares date parts: the registry's period and the certificate's own must both hold.
        var from = DateOnly.FromDateTime(ValidFrom.UtcDateTime);
        var notBefore = DateOnly.FromDateTime(certificate.NotBefore.ToUniversalTime());
        var until = DateOnly.FromDateTime(ValidUntil.UtcDateTime);
        var notAfter = DateOnly.FromDateTime(certificate.NotAfter.ToUniversalTime());
        firstValidDate = from > notBefore ? from : notBefore;
        lastValidDate = until < notAfter ? until : notAfter;
    }

    private readonly DateOnly firstValidDate;
    private readonly DateOnly lastValidDate;

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's <c>x5t#S256</c>, computed from its DER.</summary>
    public string Thumbprint { get; }

    public DateTimeOffset ValidFrom { get; }

    public DateTimeOffset ValidUntil { get; }

    public EessiKeyId KeyId => EessiKeyId.FromThumbprint(Thumbprint);

    /// <summary>
    /// Whether the certificate was valid on a date, comparing date parts (spec §5 step 5): the registry's
    /// period and the certificate's own notBefore/notAfter must both hold that date.
    /// </summary>
    public bool IsValidOn(DateOnly date) => date >= firstValidDate && date <= lastValidDate;

    /// <summary>The validity as dates, for messages.</summary>
    public string ValidityText => $"{ValidFrom.UtcDateTime:O}..{ValidUntil.UtcDateTime:O}";

    /// <summary>The public key, imported on first use and kept.</summary>
    public JwsVerificationKey? GetVerificationKey(out string? problem)
    {
        if (key is null && keyProblem is null)
        {
            key = JwsVerificationKey.FromCertificate(Certificate, out keyProblem);
        }

        problem = keyProblem;
        return key;
    }
}
