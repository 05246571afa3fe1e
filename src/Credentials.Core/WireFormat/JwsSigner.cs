using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.WireFormat;

/// <summary>
/// Signs ePRC payloads as compact JWS (RFC 7515 §7.1) with a private key and its certificate. The algorithm
/// follows the key: EC P-256 signs ES256, RSA (2048 bits or more) signs RS256 (spec §2). The header is
/// <c>{"alg":…,"kid":"EESSI:x5t#S256:…","typ":"JWT"}</c>, fixed per signer, and the payload gets no
/// iat/nbf/exp (the ePRC carries its validity in its own dates). Thread-safe.
/// </summary>
public sealed class JwsSigner : IDisposable
{
    private readonly SignatureProvider provider;
    private readonly byte[] encodedHeader;
    private readonly int signatureLength;

    public JwsSigner(AsymmetricAlgorithm privateKey, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(certificate);
        Algorithm = ChooseAlgorithm(privateKey);
        Certificate = certificate;
        KeyId = EessiKeyId.FromCertificate(certificate);
        var header = $$"""{"alg":"{{Algorithm.Name()}}","kid":"{{KeyId}}","typ":"{{JwsHeader.JwtType}}"}""";
        encodedHeader = Base64Url.EncodeToUtf8(Encoding.ASCII.GetBytes(header));
        provider = IdentityModelAdapter.CreateSigner(privateKey, Algorithm);

        // RFC 7518 §3.4: an ES256 signature is R || S, 64 bytes; §3.3: an RS256 signature is the modulus' size.
        signatureLength = Algorithm == JwsAlgorithm.ES256 ? 64 : (privateKey.KeySize + 7) / 8;
    }

    public JwsAlgorithm Algorithm { get; }

    public EessiKeyId KeyId { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Signs a UTF-8 JSON payload and returns the compact serialization.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson) => Encoding.ASCII.GetString(SignToAscii(payloadJson));

    /// <summary>
    /// Signs a UTF-8 JSON payload and returns the compact serialization as ASCII bytes, written into one array:
    /// the bytes the QR pipeline compresses, with no string in between.
    /// </summary>
    public byte[] SignToAscii(ReadOnlySpan<byte> payloadJson)
    {
        // RFC 7515 §5.1: the signature covers ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        var signingLength = encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payloadJson.Length);
        var token = new byte[signingLength + 1 + Base64Url.GetEncodedLength(signatureLength)];
        encodedHeader.CopyTo(token, 0);
        token[encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payloadJson, token.AsSpan(encodedHeader.Length + 1));

        Span<byte> signature = stackalloc byte[signatureLength];
        if (!IdentityModelAdapter.TrySign(provider, token.AsSpan(0, signingLength), signature, out var written) || written != signatureLength)
        {
            throw new CryptographicException($"the {Algorithm.Name()} signature was not the {signatureLength} bytes expected.");
        }

        token[signingLength] = (byte)'.';
        Base64Url.EncodeToUtf8(signature, token.AsSpan(signingLength + 1));
        return token;
    }

    public void Dispose() => provider.Dispose();

    private static JwsAlgorithm ChooseAlgorithm(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec when JwsAlgorithms.IsP256(ec) => JwsAlgorithm.ES256,
        ECDsa ec => throw new ArgumentException($"an EC key on a {ec.KeySize}-bit curve other than P-256 cannot sign an ePRC (ES256 needs P-256).", nameof(key)),
        RSA rsa when rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize => JwsAlgorithm.RS256,
        RSA rsa => throw new ArgumentException($"an RSA key of {rsa.KeySize} bits is too short: RS256 needs at least {JwsAlgorithms.MinimumRsaKeySize}.", nameof(key)),
        _ => throw new ArgumentException($"a {key.GetType().Name} key cannot sign an ePRC: use an EC P-256 or RSA key.", nameof(key)),
    };
}
