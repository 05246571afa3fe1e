using System.Formats.Asn1;
using System.Numerics;
using Credentials.WireFormat;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// The private key found on the token, checked to be one that may sign here: EC P-256 (ES256) or RSA of 2048 bits or
/// more (RS256), allowed to sign, and (unless allowed otherwise) unable to leave the token.
/// </summary>
internal sealed class Pkcs11PrivateKey
{
    /// <summary>DER of the named curve P-256 (secp256r1, OID 1.2.840.10045.3.1.7), as CKA_EC_PARAMS holds it (PKCS#11 Current Mechanisms v2.40, EC private and public key objects).</summary>
    private static readonly byte[] P256Parameters = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    private Pkcs11PrivateKey(IObjectHandle handle, string label, byte[] id, JwsAlgorithm algorithm, int keySize, byte[]? modulus, byte[]? publicExponent)
    {
        Handle = handle;
        Label = label;
        Id = id;
        Algorithm = algorithm;
        KeySize = keySize;
        Modulus = modulus;
        PublicExponent = publicExponent;
    }

    /// <summary>The key's handle in this application (it may change when every session has closed).</summary>
    public IObjectHandle Handle { get; }

    /// <summary>The key's <c>CKA_LABEL</c>.</summary>
    public string Label { get; }

    /// <summary>The key's <c>CKA_ID</c> (empty when it has none).</summary>
    public byte[] Id { get; }

    /// <summary>ES256 for a P-256 key, RS256 for an RSA key.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The key's size in bits (256, or the RSA modulus' length).</summary>
    public int KeySize { get; }

    /// <summary>An RSA key's modulus, big-endian (null for EC).</summary>
    public byte[]? Modulus { get; }

    /// <summary>An RSA key's public exponent, big-endian, when the token shows it on the private key.</summary>
    public byte[]? PublicExponent { get; }

    /// <summary>The private key labelled <paramref name="label"/> (and with <paramref name="id"/>, when given), checked; the session must be logged in.</summary>
    public static Pkcs11PrivateKey Find(ISession session, string tokenLabel, string label, byte[]? id, bool allowExtractable)
    {
        var handle = FindHandle(session, tokenLabel, label, id);

        // PKCS#11 v2.40 base §4.9 (private key objects); Current Mechanisms v2.40, RSA and EC private key objects.
        var attributes = Pkcs11Search.Read(session, handle, CKA.CKA_KEY_TYPE, CKA.CKA_SIGN, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE,
            CKA.CKA_ALWAYS_AUTHENTICATE, CKA.CKA_ID, CKA.CKA_EC_PARAMS, CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT);
        var keyType = attributes[0].AsULong();
        var named = $"key '{label}' on token '{tokenLabel}'";

        JwsAlgorithm algorithm;
        int keySize;
        if (keyType == (ulong)CKK.CKK_EC)
        {
            algorithm = JwsAlgorithm.ES256;
            keySize = 256;
            var curve = attributes[6].Value;
            if (curve is null || !curve.AsSpan().SequenceEqual(P256Parameters))
            {
                throw new Pkcs11SignerException(Pkcs11Problem.KeyTypeUnsupported, $"the {named} is an EC key on {CurveName(curve)}: ES256 needs P-256 (1.2.840.10045.3.1.7).");
            }
        }
        else if (keyType == (ulong)CKK.CKK_RSA)
        {
            algorithm = JwsAlgorithm.RS256;
            keySize = attributes[7].Value is { } modulus ? (int)new BigInteger(modulus, isUnsigned: true, isBigEndian: true).GetBitLength() : 0;
            if (keySize < JwsAlgorithms.MinimumRsaKeySize)
            {
                throw new Pkcs11SignerException(Pkcs11Problem.KeyTypeUnsupported, keySize == 0
                    ? $"the {named} is an RSA key whose modulus the token does not show: its size cannot be checked."
                    : $"the {named} is an RSA key of {keySize} bits: RS256 needs at least {JwsAlgorithms.MinimumRsaKeySize}.");
            }
        }
        else
        {
            var type = keyType is { } value ? Enum.IsDefined((CKK)value) ? ((CKK)value).ToString() : $"0x{value:X}" : "unknown";
            throw new Pkcs11SignerException(Pkcs11Problem.KeyTypeUnsupported, $"the {named} is of type {type}: only EC P-256 (ES256) and RSA (RS256) keys sign.");
        }

        if (!attributes[1].AsBool(otherwise: false))
        {
            throw new Pkcs11SignerException(Pkcs11Problem.SigningNotAllowed, $"the {named} is not allowed to sign (CKA_SIGN is false).");
        }

        // CKA_EXTRACTABLE: the key may be wrapped out of the token; CKA_SENSITIVE false: its value may be read in clear.
        var extractable = attributes[3].AsBool(otherwise: true);
        var sensitive = attributes[2].AsBool(otherwise: false);
        if ((extractable || !sensitive) && !allowExtractable)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.KeyExtractable, $"the {named} can leave the token ({(extractable ? "CKA_EXTRACTABLE is true" : "CKA_SENSITIVE is false")}): generate the key on the token as sensitive and not extractable, or allow it explicitly.");
        }

        // PKCS#11 v2.40 base §4.9 CKA_ALWAYS_AUTHENTICATE: such a key needs C_Login(CKU_CONTEXT_SPECIFIC) before each signature, which a pool of
        // sessions signing for many callers cannot offer.
        if (attributes[4].AsBool(otherwise: false))
        {
            throw new Pkcs11SignerException(Pkcs11Problem.SigningNotAllowed, $"the {named} asks for the PIN again before every signature (CKA_ALWAYS_AUTHENTICATE), which this signer does not support.");
        }

        return new Pkcs11PrivateKey(handle, label, attributes[5].Value ?? [], algorithm, keySize, attributes[7].Value, attributes[8].Value);
    }

    /// <summary>The handle of the one private key with this label (and id): after a session broke, the handle may have changed.</summary>
    public static IObjectHandle FindHandle(ISession session, string tokenLabel, string label, byte[]? id)
    {
        var found = Pkcs11Search.Find(session, CKO.CKO_PRIVATE_KEY, label, id);
        if (found.Count == 1)
        {
            return found[0];
        }

        var withId = id is { Length: > 0 } ? $" and id {Convert.ToHexStringLower(id)}" : string.Empty;
        if (found.Count > 1)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.KeyAmbiguous, $"{found.Count} private keys are labelled '{label}'{withId} on token '{tokenLabel}': give the key's id (CKA_ID) too.");
        }

        var labels = Pkcs11Search.Find(session, CKO.CKO_PRIVATE_KEY, null, null)
            .Select(h => Pkcs11Search.Read(session, h, CKA.CKA_LABEL)[0].AsString())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        throw new Pkcs11SignerException(Pkcs11Problem.KeyNotFound, labels.Count == 0
            ? $"no private key labelled '{label}'{withId} on token '{tokenLabel}': the token holds no private key."
            : $"no private key labelled '{label}'{withId} on token '{tokenLabel}' (private keys found: {Pkcs11TokenFinder.Quoted(labels)}).");
    }

    private static string CurveName(byte[]? parameters)
    {
        if (parameters is null)
        {
            return "a curve the token does not name";
        }

        try
        {
            return $"the curve {new AsnReader(parameters, AsnEncodingRules.DER).ReadObjectIdentifier()}";
        }
        catch (AsnContentException)
        {
            return "explicitly given curve parameters";
        }
    }
}
