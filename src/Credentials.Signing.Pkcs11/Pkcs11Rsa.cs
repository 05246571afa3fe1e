using System.Security.Cryptography;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// The token's RSA key as a BCL <see cref="RSA"/>, for APIs that want one (COSE signing, certificate requests):
/// RSASSA-PKCS1-v1_5 signatures of SHA-256 digests go to the token; verifying, encrypting and public exports use the
/// public key; nothing exports the private key, and it does not decrypt.
/// </summary>
internal sealed class Pkcs11Rsa : RSA
{
    private readonly Pkcs11Signer signer;
    private readonly RSA publicKey;

    public Pkcs11Rsa(Pkcs11Signer signer, RSA publicKey)
    {
        this.signer = signer;
        this.publicKey = publicKey;
        LegalKeySizesValue = [new KeySizes(publicKey.KeySize, publicKey.KeySize, 0)];
        KeySizeValue = publicKey.KeySize;
    }

    /// <summary>Signs a SHA-256 digest on the token with PKCS#1 v1.5 padding (RS256); anything else is refused.</summary>
    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        ArgumentNullException.ThrowIfNull(hash);
        CheckRs256(hashAlgorithm, padding);
        return signer.SignRsaDigest(hash);
    }

    /// <inheritdoc cref="SignHash(byte[], HashAlgorithmName, RSASignaturePadding)"/>
    public override bool TrySignHash(ReadOnlySpan<byte> hash, Span<byte> destination, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding, out int bytesWritten)
    {
        CheckRs256(hashAlgorithm, padding);
        if (destination.Length < signer.SignatureLength)
        {
            bytesWritten = 0;
            return false;
        }

        signer.SignRsaDigest(hash).CopyTo(destination);
        bytesWritten = signer.SignatureLength;
        return true;
    }

    /// <inheritdoc/>
    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) =>
        publicKey.VerifyHash(hash, signature, hashAlgorithm, padding);

    /// <inheritdoc/>
    public override bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) =>
        publicKey.VerifyHash(hash, signature, hashAlgorithm, padding);

    /// <inheritdoc/>
    public override byte[] Encrypt(byte[] data, RSAEncryptionPadding padding) => publicKey.Encrypt(data, padding);

    /// <summary>Refused: the key on the token signs; it is not used to decrypt.</summary>
    public override byte[] Decrypt(byte[] data, RSAEncryptionPadding padding) =>
        throw new CryptographicException("the key on the PKCS#11 token signs only: it does not decrypt.");

    /// <inheritdoc cref="Decrypt(byte[], RSAEncryptionPadding)"/>
    public override bool TryDecrypt(ReadOnlySpan<byte> data, Span<byte> destination, RSAEncryptionPadding padding, out int bytesWritten) =>
        throw new CryptographicException("the key on the PKCS#11 token signs only: it does not decrypt.");

    /// <summary>The public key; with <paramref name="includePrivateParameters"/>, a <see cref="CryptographicException"/>: the private key stays on the token.</summary>
    public override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters
            ? throw new CryptographicException("the private key is on the PKCS#11 token and cannot be exported: only its public key can.")
            : publicKey.ExportParameters(false);

    /// <summary>Refused: this object is the key on the token, which cannot be replaced from here.</summary>
    public override void ImportParameters(RSAParameters parameters) =>
        throw new CryptographicException("the key on the PKCS#11 token cannot be replaced by an imported key.");

    private static void CheckRs256(HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256 || padding != RSASignaturePadding.Pkcs1)
        {
            throw new CryptographicException($"the key on the PKCS#11 token signs RS256 only (SHA-256, PKCS#1 v1.5), not {hashAlgorithm.Name} with {padding.Mode} padding.");
        }
    }
}
