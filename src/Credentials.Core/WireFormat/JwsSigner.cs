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
    private readonly string encodedHeader;

    public JwsSigner(AsymmetricAlgorithm privateKey, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(certificate);
        Algorithm = ChooseAlgorithm(privateKey);
        Certificate = certificate;
        KeyId = EessiKeyId.FromCertificate(certificate);
        var header = $$"""{"alg":"{{Algorithm.Name()}}","kid":"{{KeyId}}","typ":"{{JwsHeader.JwtType}}"}""";
        encodedHeader = Base64Url.EncodeToString(Encoding.ASCII.GetBytes(header));
        provider = IdentityModelAdapter.CreateSigner(privateKey, Algorithm);
    }

    public JwsAlgorithm Algorithm { get; }

    public EessiKeyId KeyId { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Signs a UTF-8 JSON payload and returns the compact serialization.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson)
    {
        // RFC 7515 §5.1: the signature covers ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        var payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        var signingInput = new byte[encodedHeader.Length + 1 + payloadLength];
        Encoding.ASCII.GetBytes(encodedHeader, signingInput);
        signingInput[encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payloadJson, signingInput.AsSpan(encodedHeader.Length + 1));
        var signature = IdentityModelAdapter.Sign(provider, signingInput);

        // One allocation for the token: signing input, '.', signature, written in place.
        return string.Create(signingInput.Length + 1 + Base64Url.GetEncodedLength(signature.Length), (signingInput, signature), static (token, parts) =>
        {
            Encoding.ASCII.GetChars(parts.signingInput, token);
            token[parts.signingInput.Length] = '.';
            Base64Url.EncodeToChars(parts.signature, token[(parts.signingInput.Length + 1)..]);
        });
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
