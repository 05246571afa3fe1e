using System.Security.Cryptography.X509Certificates;

namespace Credentials.Signing.Pkcs11;

/// <summary>Opens a PKCS#11 key joined to its certificate: the core's <see cref="CertificateSigner"/>, which issuers sign with.</summary>
public static class Pkcs11CertificateSigner
{
    /// <summary>
    /// Opens the key as <see cref="Pkcs11Signer.Open(Pkcs11SignerOptions)"/> does and joins it to <paramref name="certificate"/> (e.g. read
    /// from the file given with <c>--cert</c>) or, without one, to the certificate object stored on the token with the
    /// key's id or label. The certificate's public key must be the key's. The returned signer owns the PKCS#11 signer.
    /// </summary>
    /// <param name="options">Module, token, key and PIN.</param>
    /// <param name="certificate">The signing certificate; null to read it from the token.</param>
    /// <param name="issuers">The certificate's issuers, leaf's issuer first, for <c>x5c</c>; a root among them is left out.</param>
    /// <exception cref="Pkcs11SignerException">The key cannot be opened, there is no certificate, or it is not the key's.</exception>
    public static CertificateSigner Open(Pkcs11SignerOptions options, X509Certificate2? certificate = null, IReadOnlyList<X509Certificate2>? issuers = null)
    {
        var signer = Pkcs11Signer.Open(options, certificate);
        try
        {
            var leaf = certificate ?? signer.ReadCertificateFromToken()
                ?? throw new Pkcs11SignerException(Pkcs11Problem.CertificateNotFound, $"token '{signer.TokenLabel}' holds no certificate for key '{signer.KeyLabel}' (same id or label): store it there, or give the certificate file.");
            if (!leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(signer.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                throw new Pkcs11SignerException(Pkcs11Problem.CertificateMismatch, $"the certificate '{leaf.Subject}' is not for key '{signer.KeyLabel}' on token '{signer.TokenLabel}': their public keys differ.");
            }

            return new CertificateSigner(signer, leaf, issuers, ownsSigner: true);
        }
        catch
        {
            signer.Dispose();
            throw;
        }
    }
}
