using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Credentials.Signing;
using Credentials.Status;
using Credentials.WireFormat;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// The few JOSE operations a Status List Token needs (RFC 7515 compact serialization): split and decode, sign through
/// an <see cref="ISigner"/>, and verify with a public key under the ES256 / RS256 allow-list. Kept here, small, until a
/// shared JOSE layer exists for the wallet formats.
/// </summary>
internal sealed class CompactJws
{
    private static readonly SearchValues<byte> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    private readonly ReadOnlyMemory<byte> ascii;
    private readonly int signingInputLength;

    private CompactJws(ReadOnlyMemory<byte> ascii, int signingInputLength, byte[] header, byte[] payload, byte[] signature)
    {
        this.ascii = ascii;
        this.signingInputLength = signingInputLength;
        Header = header;
        Payload = payload;
        Signature = signature;
    }

    /// <summary>The decoded header (UTF-8 JSON, not yet checked).</summary>
    public byte[] Header { get; }

    /// <summary>The decoded payload (UTF-8 JSON, not yet checked).</summary>
    public byte[] Payload { get; }

    /// <summary>The signature's bytes.</summary>
    public byte[] Signature { get; }

    /// <summary>RFC 7515 §7.1: three base64url parts separated by two dots. Throws <see cref="StatusListFormatException"/>.</summary>
    public static CompactJws Parse(ReadOnlyMemory<byte> ascii)
    {
        var span = ascii.Span;
        var firstDot = span.IndexOf((byte)'.');
        var secondDot = firstDot < 0 ? -1 : span[(firstDot + 1)..].IndexOf((byte)'.');
        secondDot = secondDot < 0 ? -1 : firstDot + 1 + secondDot;
        if (firstDot <= 0 || secondDot < 0 || span[(secondDot + 1)..].Contains((byte)'.'))
        {
            throw Malformed("it is not a JWS in compact serialization (three base64url parts separated by dots, RFC 7515 §7.1)");
        }

        return new CompactJws(
            ascii,
            secondDot,
            DecodePart(span[..firstDot], "header"),
            DecodePart(span[(firstDot + 1)..secondDot], "payload"),
            // RFC 7515 §A.5: an unsecured JWS has an empty signature; it is read, so that its alg is refused as such.
            secondDot + 1 == span.Length ? [] : DecodePart(span[(secondDot + 1)..], "signature"));
    }

    /// <summary>
    /// RFC 7515 §5.1: <c>base64url(header) '.' base64url(payload) '.' base64url(signature)</c>, the signature made by
    /// <paramref name="signer"/> over the ASCII of the first two parts.
    /// </summary>
    public static string Sign(ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, ISigner signer)
    {
        var headerLength = Base64Url.GetEncodedLength(headerJson.Length);
        var payloadLength = Base64Url.GetEncodedLength(payloadJson.Length);
        var signatureLength = Base64Url.GetEncodedLength(signer.SignatureLength);
        var total = headerLength + 1 + payloadLength + 1 + signatureLength;
        var buffer = ArrayPool<byte>.Shared.Rent(total + signer.SignatureLength);
        try
        {
            var text = buffer.AsSpan(0, total);
            Base64Url.EncodeToUtf8(headerJson, text);
            text[headerLength] = (byte)'.';
            Base64Url.EncodeToUtf8(payloadJson, text[(headerLength + 1)..]);
            var signingInput = headerLength + 1 + payloadLength;
            text[signingInput] = (byte)'.';
            var signature = buffer.AsSpan(total, signer.SignatureLength);
            signer.Sign(text[..signingInput], signature);
            Base64Url.EncodeToUtf8(signature, text[(signingInput + 1)..]);
            return Encoding.ASCII.GetString(text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// RFC 7515 §5.2 step 8: whether the signature verifies with <paramref name="key"/> under <paramref name="algorithm"/>.
    /// A key that does not fit the algorithm (RFC 7518 §3.3, §3.4), or a signature of the wrong length, is false.
    /// </summary>
    public bool Verify(AsymmetricAlgorithm key, JwsAlgorithm algorithm)
    {
        var signingInput = ascii.Span[..signingInputLength];
        try
        {
            return (algorithm, key) switch
            {
                // RFC 7518 §3.4: ES256 is ECDSA over P-256 with SHA-256, the signature R || S of 32 bytes each.
                (JwsAlgorithm.ES256, ECDsa ec) when JwsAlgorithms.IsP256(ec) && Signature.Length == 64 =>
                    ec.VerifyData(signingInput, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),

                // RFC 7518 §3.3: RS256 is RSASSA-PKCS1-v1_5 with SHA-256, with a key of 2048 bits or more.
                (JwsAlgorithm.RS256, RSA rsa) when rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize && Signature.Length == (rsa.KeySize + 7) / 8 =>
                    rsa.VerifyData(signingInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] DecodePart(ReadOnlySpan<byte> part, string name)
    {
        // RFC 7515 §2: base64url without padding, nothing else (the BCL's decoder would skip white space).
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (part.IsEmpty || part.ContainsAnyExcept(Base64UrlAlphabet) || Base64Url.DecodeFromUtf8(part, bytes, out var consumed, out var written) != OperationStatus.Done || consumed != part.Length)
        {
            throw Malformed($"its JWS {name} is not base64url (RFC 7515 §2)");
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }

    private static StatusListFormatException Malformed(string what) => new(StatusUnknownCause.Malformed, $"the status list token is malformed: {what}.");
}
