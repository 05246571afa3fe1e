using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.WireFormat;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>The public half of a key on the token, and its certificate, read from the objects stored beside it.</summary>
internal static class Pkcs11PublicKeys
{
    /// <summary>
    /// The key's public key as a BCL key, from (in order) the RSA private key's own public attributes, the public key
    /// object, or the certificate on the token; null when the token holds none of them.
    /// </summary>
    public static AsymmetricAlgorithm? Read(ISession session, Pkcs11PrivateKey key)
    {
        if (key.Algorithm == JwsAlgorithm.RS256 && key.Modulus is { } modulus && key.PublicExponent is { Length: > 0 } exponent)
        {
            return Rsa(modulus, exponent);
        }

        if (Pkcs11Search.FindLinked(session, CKO.CKO_PUBLIC_KEY, key.Label, key.Id) is { } publicKey)
        {
            if (key.Algorithm == JwsAlgorithm.ES256)
            {
                // PKCS#11 Current Mechanisms v2.40, EC public key objects: CKA_EC_POINT.
                var point = Pkcs11Search.Read(session, publicKey, CKA.CKA_EC_POINT)[0].Value;
                if (point is not null)
                {
                    return P256(point);
                }
            }
            else
            {
                var values = Pkcs11Search.Read(session, publicKey, CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT);
                if (values[0].Value is { } publicModulus && values[1].Value is { } publicExponent)
                {
                    return Rsa(publicModulus, publicExponent);
                }
            }
        }

        using var certificate = ReadCertificate(session, key);
        return certificate is null ? null : FromCertificate(certificate, key.Algorithm);
    }

    /// <summary>The X.509 certificate stored on the token with the key's id or label, or null.</summary>
    public static X509Certificate2? ReadCertificate(ISession session, Pkcs11PrivateKey key)
    {
        // PKCS#11 v2.40 base §4.6.3 X.509 public key certificate objects: CKA_VALUE is the certificate's DER.
        if (Pkcs11Search.FindLinked(session, CKO.CKO_CERTIFICATE, key.Label, key.Id) is not { } handle
            || Pkcs11Search.Read(session, handle, CKA.CKA_VALUE)[0].Value is not { } der)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.CertificateNotFound, $"the certificate object of key '{key.Label}' does not hold an X.509 certificate.", e);
        }
    }

    /// <summary>The certificate's public key, if it is the kind of key <paramref name="algorithm"/> signs with.</summary>
    public static AsymmetricAlgorithm? FromCertificate(X509Certificate2 certificate, JwsAlgorithm algorithm) =>
        algorithm == JwsAlgorithm.ES256 ? certificate.GetECDsaPublicKey() : certificate.GetRSAPublicKey();

    /// <summary>
    /// A P-256 public key from CKA_EC_POINT: the DER OCTET STRING that wraps the uncompressed point 04 || X || Y
    /// (PKCS#11 Current Mechanisms v2.40, EC public key objects; ANSI X9.62); some tokens give the bare point, which is taken too.
    /// </summary>
    private static ECDsa P256(byte[] ecPoint)
    {
        var point = ecPoint.Length == 65 && ecPoint[0] == 0x04 ? ecPoint : UnwrapOctetString(ecPoint);
        if (point.Length != 65 || point[0] != 0x04)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.PublicKeyNotFound, "the token's EC public key is not an uncompressed P-256 point.");
        }

        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..65] },
            });
        }
        catch (CryptographicException e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.PublicKeyNotFound, "the token's EC public key is not a point on P-256.", e);
        }
    }

    private static byte[] UnwrapOctetString(byte[] der)
    {
        try
        {
            return AsnDecoder.ReadOctetString(der, AsnEncodingRules.DER, out var consumed) is var value && consumed == der.Length ? value : [];
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    private static RSA Rsa(byte[] modulus, byte[] exponent)
    {
        try
        {
            return RSA.Create(new RSAParameters { Modulus = TrimLeadingZeros(modulus), Exponent = TrimLeadingZeros(exponent) });
        }
        catch (CryptographicException e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.PublicKeyNotFound, "the token's RSA public key (modulus and exponent) is not usable.", e);
        }
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
