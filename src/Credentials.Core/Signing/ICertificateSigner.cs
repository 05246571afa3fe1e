using System.Security.Cryptography.X509Certificates;

namespace Credentials.Signing;

/// <summary>
/// A signer with the certificate that the trust registry knows its key by: what an issuer signs documents, lists
/// and snapshots with. The QR token names the certificate by its digest (<c>kid</c>); wallet formats carry the
/// chain (<c>x5c</c>, <c>x5chain</c>).
/// </summary>
public interface ICertificateSigner : ISigner
{
    /// <summary>The signing (leaf) certificate.</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>The chain as <c>x5c</c> carries it (RFC 7515 §4.1.6): the leaf first, then its issuers, without the root.</summary>
    IReadOnlyList<X509Certificate2> CertificateChain { get; }
}
