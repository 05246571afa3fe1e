using System.Buffers.Text;
using System.Text;
using Credentials.Signing;

namespace Credentials.WireFormat;

/// <summary>
/// Signs payloads as compact JWS (RFC 7515 §7.1) with the header the ePRC and our lists use:
/// <c>{"alg":…,"kid":"EESSI:x5t#S256:…","typ":"JWT"}</c>, fixed per signer (EC ePRC spec §2). The payload gets no
/// iat/nbf/exp from here (the ePRC carries its validity in its own dates). The key may live anywhere the signer seam
/// reaches (memory, an HSM). Thread-safe when the signer is.
/// </summary>
public sealed class JwsSigner
{
    private readonly ICertificateSigner signer;
    private readonly byte[] encodedHeader;

    /// <summary>A JWS signer over <paramref name="signer"/>: the algorithm follows its key, the kid its certificate.</summary>
    public JwsSigner(ICertificateSigner signer)
    {
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        KeyId = EessiKeyId.FromCertificate(signer.Certificate);
        var header = $$"""{"alg":"{{Algorithm.Name()}}","kid":"{{KeyId}}","typ":"{{JwsHeader.JwtType}}"}""";
        encodedHeader = Base64Url.EncodeToUtf8(Encoding.ASCII.GetBytes(header));
    }

    /// <summary>The algorithm, which follows the key.</summary>
    public JwsAlgorithm Algorithm => signer.Algorithm;

    /// <summary>The kid written in every header.</summary>
    public EessiKeyId KeyId { get; }

    /// <summary>The signer's certificate.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate => signer.Certificate;

    /// <summary>Signs a UTF-8 JSON payload and returns the compact serialization.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson) => Encoding.ASCII.GetString(SignToAscii(payloadJson));

    /// <summary>
    /// Signs a UTF-8 JSON payload and returns the compact serialization as ASCII bytes, written into one array: the
    /// bytes the QR pipeline compresses, with no string in between.
    /// </summary>
    public byte[] SignToAscii(ReadOnlySpan<byte> payloadJson)
    {
        // RFC 7515 §5.1: the signature covers ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        var signatureLength = signer.SignatureLength;
        var signingLength = encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payloadJson.Length);
        var token = new byte[signingLength + 1 + Base64Url.GetEncodedLength(signatureLength)];
        encodedHeader.CopyTo(token, 0);
        token[encodedHeader.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payloadJson, token.AsSpan(encodedHeader.Length + 1));

        Span<byte> signature = stackalloc byte[signatureLength];
        signer.Sign(token.AsSpan(0, signingLength), signature);
        token[signingLength] = (byte)'.';
        Base64Url.EncodeToUtf8(signature, token.AsSpan(signingLength + 1));
        return token;
    }
}
