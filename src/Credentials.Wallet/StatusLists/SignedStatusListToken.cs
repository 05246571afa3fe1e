using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Credentials.Status;
using Credentials.WireFormat;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// A Status List Token as received (draft-ietf-oauth-status-list-21 §8.2): its header read, so the verifier knows
/// which key to look up, and its claims not read until the signature has verified with that key (§8.3 step 3;
/// RFC 8725 §3.1: nothing of an unverified token is believed).
/// </summary>
public sealed class SignedStatusListToken
{
    private readonly CompactJws? jws;
    private readonly CoseSign1Message? cose;

    private SignedStatusListToken(string mediaType, JwsAlgorithm algorithm, IReadOnlyList<X509Certificate2> chain, string? keyId, CompactJws? jws, CoseSign1Message? cose)
    {
        MediaType = mediaType;
        Algorithm = algorithm;
        CertificateChain = chain;
        KeyId = keyId;
        this.jws = jws;
        this.cose = cose;
    }

    /// <summary>Which form it is: <see cref="StatusListTokenFormat.JwtMediaType"/> or <see cref="StatusListTokenFormat.CwtMediaType"/>.</summary>
    public string MediaType { get; }

    /// <summary>The signature algorithm its protected header names (ES256 or RS256; anything else was refused).</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The signer's certificates from <c>x5c</c> (JWT) or <c>x5chain</c> (CWT), the signing one first; empty when it carries none.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The <c>kid</c>, when it carries one (a CWT's byte string as UTF-8 text, or base64url when it is not text).</summary>
    public string? KeyId { get; }

    /// <summary>
    /// Reads the envelope of a token as served: a CWT when it starts with the COSE_Sign1 tag (0xD2), a JWT otherwise
    /// (surrounding white space, such as a file's final newline, is ignored). Throws <see cref="StatusListFormatException"/>.
    /// </summary>
    public static SignedStatusListToken Parse(ReadOnlyMemory<byte> body)
    {
        if (!body.IsEmpty && body.Span[0] == 0xD2)
        {
            var (message, algorithm, chain, keyId) = StatusListCwt.ReadHeader(body);
            return new SignedStatusListToken(StatusListTokenFormat.CwtMediaType, algorithm, chain, keyId, null, message);
        }

        var text = Trim(body);
        if (!System.Text.Ascii.IsValid(text.Span))
        {
            throw new StatusListFormatException(StatusUnknownCause.Malformed, "the status list token is malformed: it is neither a JWT (ASCII text) nor a CWT (COSE_Sign1, tag 18).");
        }

        var jws = CompactJws.Parse(text);
        var (jwtAlgorithm, jwtChain, jwtKeyId) = StatusListJwt.ReadHeader(jws);
        return new SignedStatusListToken(StatusListTokenFormat.JwtMediaType, jwtAlgorithm, jwtChain, jwtKeyId, jws, null);
    }

    /// <summary>Reads the envelope of a token in JWT form, as <see cref="Parse(ReadOnlyMemory{byte})"/>.</summary>
    public static SignedStatusListToken Parse(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        return Parse(System.Text.Encoding.UTF8.GetBytes(jwt));
    }

    /// <summary>
    /// Verifies the signature with <paramref name="publicKey"/> (which must fit <see cref="Algorithm"/>), then reads
    /// the claims and inflates the list within <paramref name="maxDecompressedBytes"/>. A signature that does not verify
    /// throws <see cref="StatusListFormatException"/> with <see cref="StatusUnknownCause.BadlySigned"/>, before any claim is read.
    /// </summary>
    public StatusListToken Verify(AsymmetricAlgorithm publicKey, int maxDecompressedBytes = StatusList.DefaultMaxDecompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(publicKey);

        // §5.1 rule 2 / §5.2 rule 2: "Relying Parties MUST reject [tokens] with an invalid signature."
        var verified = jws is not null ? jws.Verify(publicKey, Algorithm) : StatusListCwt.Verify(cose!, Algorithm, publicKey);
        if (!verified)
        {
            throw new StatusListFormatException(StatusUnknownCause.BadlySigned, $"the status list token's {Algorithm.Name()} signature does not verify with the signer's key.");
        }

        return jws is not null ? StatusListJwt.ReadClaims(jws.Payload, maxDecompressedBytes) : StatusListCwt.ReadClaims(cose!.Content!.Value, maxDecompressedBytes);
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return body[start..end];
    }
}
