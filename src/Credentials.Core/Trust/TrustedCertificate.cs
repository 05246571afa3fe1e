using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// A signing certificate the registry knows, with the validity the registry gives it (EC resolver,
/// `certificates[]`). Expired and replaced certificates are kept, so old documents stay verifiable.
/// The DER is kept and parsed on first use: a registry of 150,000 certificates loads without decoding any of
/// them, and only the few a verifier meets are ever parsed.
/// </summary>
public sealed class TrustedCertificate
{
    private readonly ReadOnlyMemory<byte> der;

    // Filled on first use, by whichever thread gets there first, and never changed after: a registry is shared by
    // every verification of a web host. The certificate and its key hold native handles, so they are made exactly
    // once, under the gate; the dates and the thumbprint are plain values, published with one atomic write each.
    private object? gate;
    private X509Certificate2? certificate;
    private KeyImport? keyImport;
    private ValidDates? validDates;
    private string? thumbprint;

    /// <summary>A certificate already parsed, with the validity the registry gives it (null: the certificate's own notBefore/notAfter).</summary>
    public TrustedCertificate(X509Certificate2 certificate, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null)
        : this((certificate ?? throw new ArgumentNullException(nameof(certificate))).RawData, validFrom, validUntil) =>
        this.certificate = certificate;

    private TrustedCertificate(ReadOnlyMemory<byte> der, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        this.der = der;
        Digest = CertificateDigest.Of(der.Span);
        RegistryValidFrom = validFrom;
        RegistryValidUntil = validUntil;
    }

    /// <summary>
    /// A certificate from its DER, checked only for the outer ASN.1 structure (a SEQUENCE of the whole length);
    /// the full parse happens on first use. Throws <see cref="CryptographicException"/> when it is not even that.
    /// </summary>
    public static TrustedCertificate FromDer(byte[] der, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        ArgumentNullException.ThrowIfNull(der);
        return FromDer(der.AsMemory(), validFrom, validUntil);
    }

    /// <summary>As <see cref="FromDer(byte[], DateTimeOffset?, DateTimeOffset?)"/>, over memory the caller no longer changes.</summary>
    internal static TrustedCertificate FromDer(ReadOnlyMemory<byte> der, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        try
        {
            // RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var certificateSequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            certificateSequence.ReadSequence();
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("not a DER certificate.", e);
        }

        return new TrustedCertificate(der, validFrom, validUntil);
    }

    /// <summary>The certificate, parsed on first use.</summary>
    public X509Certificate2 Certificate => LazyInitializer.EnsureInitialized(ref certificate, ref gate, () => X509CertificateLoader.LoadCertificate(der.Span));

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> RawData => der;

    /// <summary>The certificate's <c>x5t#S256</c>, computed from its DER.</summary>
    public string Thumbprint => LazyInitializer.EnsureInitialized(ref thumbprint, Digest.ToThumbprint);

    /// <summary>The SHA-256 of the DER, as the registry's indexes key on it.</summary>
    internal CertificateDigest Digest { get; }

    /// <summary>The registry's start of validity, when it gave one.</summary>
    public DateTimeOffset? RegistryValidFrom { get; }

    /// <summary>The registry's end of validity, when it gave one.</summary>
    public DateTimeOffset? RegistryValidUntil { get; }

    /// <summary>The start of validity: the registry's when it gave one, else the certificate's notBefore (UTC).</summary>
    public DateTimeOffset ValidFrom => RegistryValidFrom ?? new DateTimeOffset(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>The end of validity: the registry's when it gave one, else the certificate's notAfter (UTC).</summary>
    public DateTimeOffset ValidUntil => RegistryValidUntil ?? new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>
    /// Whether the certificate was valid on a date, comparing date parts (spec §5 step 5): the registry's
    /// period and the certificate's own notBefore/notAfter must both hold that date.
    /// </summary>
    public bool IsValidOn(DateOnly date)
    {
        var dates = LazyInitializer.EnsureInitialized(ref validDates, ComputeValidDates);
        return date >= dates.First && date <= dates.Last;
    }

    /// <summary>The validity as dates, for messages.</summary>
    public string ValidityText => $"{ValidFrom.UtcDateTime:yyyy-MM-dd}..{ValidUntil.UtcDateTime:yyyy-MM-dd}";

    /// <summary>The public key, imported on first use and kept.</summary>
    public JwsVerificationKey? GetVerificationKey(out Labels.MessageText? problem)
    {
        var imported = LazyInitializer.EnsureInitialized(ref keyImport, ref gate, () => new KeyImport(JwsVerificationKey.FromCertificate(Certificate, out var keyProblem), keyProblem));
        problem = imported.Problem;
        return imported.Key;
    }

    private ValidDates ComputeValidDates()
    {
        var from = DateOnly.FromDateTime(ValidFrom.UtcDateTime);
        var notBefore = DateOnly.FromDateTime(Certificate.NotBefore.ToUniversalTime());
        var until = DateOnly.FromDateTime(ValidUntil.UtcDateTime);
        var notAfter = DateOnly.FromDateTime(Certificate.NotAfter.ToUniversalTime());
        return new ValidDates(from > notBefore ? from : notBefore, until < notAfter ? until : notAfter);
    }

    /// <summary>The public key, or why it cannot be used: one object, so both are published together.</summary>
    private sealed record KeyImport(JwsVerificationKey? Key, Labels.MessageText? Problem);

    /// <summary>The dates on which both the registry and the certificate itself hold.</summary>
    private sealed record ValidDates(DateOnly First, DateOnly Last);
}
