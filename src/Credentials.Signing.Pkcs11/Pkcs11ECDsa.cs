using System.Security.Cryptography;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// The token's P-256 key as a BCL <see cref="ECDsa"/>, for APIs that want one (COSE signing, certificate requests):
/// signing goes to the token; verifying and public exports use the public key; nothing exports the private key.
/// </summary>
internal sealed class Pkcs11ECDsa : ECDsa
{
    private readonly Pkcs11Signer signer;
    private readonly ECDsa publicKey;

    public Pkcs11ECDsa(Pkcs11Signer signer, ECDsa publicKey)
    {
        this.signer = signer;
        this.publicKey = publicKey;
        LegalKeySizesValue = [new KeySizes(256, 256, 0)];
        KeySizeValue = 256;
    }

    /// <summary>Signs a SHA-256 digest on the token; the signature is R || S (IEEE P1363).</summary>
    public override byte[] SignHash(byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return signer.SignEcDigest(hash);
    }

    /// <inheritdoc/>
    public override bool VerifyHash(byte[] hash, byte[] signature) => publicKey.VerifyHash(hash, signature);

    /// <summary>The public key; with <paramref name="includePrivateParameters"/>, a <see cref="CryptographicException"/>: the private key stays on the token.</summary>
    public override ECParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw NotExportable() : publicKey.ExportParameters(false);

    /// <inheritdoc cref="ExportParameters(bool)"/>
    public override ECParameters ExportExplicitParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw NotExportable() : publicKey.ExportExplicitParameters(false);

    /// <summary>Refused: this object is the key on the token, which cannot be replaced from here.</summary>
    public override void ImportParameters(ECParameters parameters) =>
        throw new CryptographicException("the key on the PKCS#11 token cannot be replaced by an imported key.");

    /// <summary>Refused: keys are generated on the token with its own tools.</summary>
    public override void GenerateKey(ECCurve curve) =>
        throw new CryptographicException("the key on the PKCS#11 token cannot be regenerated from here.");

    /// <summary>Signs on the token straight into <paramref name="destination"/>; DER is converted from R || S by the base class.</summary>
    protected override bool TrySignHashCore(ReadOnlySpan<byte> hash, Span<byte> destination, DSASignatureFormat signatureFormat, out int bytesWritten)
    {
        if (signatureFormat != DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        {
            // The base class calls SignHash (the token) and re-encodes R || S as a DER SEQUENCE (RFC 3279 §2.2.3).
            return base.TrySignHashCore(hash, destination, signatureFormat, out bytesWritten);
        }

        if (destination.Length < signer.SignatureLength)
        {
            bytesWritten = 0;
            return false;
        }

        signer.SignEcDigest(hash).CopyTo(destination);
        bytesWritten = signer.SignatureLength;
        return true;
    }

    /// <inheritdoc/>
    protected override bool VerifyHashCore(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, DSASignatureFormat signatureFormat) =>
        publicKey.VerifyHash(hash, signature, signatureFormat);

    private static CryptographicException NotExportable() =>
        new("the private key is on the PKCS#11 token and cannot be exported: only its public key can.");
}
