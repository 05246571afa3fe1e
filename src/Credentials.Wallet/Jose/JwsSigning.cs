using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.WireFormat;

namespace Credentials.Wallet.Jose;

/// <summary>
/// Signs JWS through the <see cref="ISigner"/> seam (RFC 7515 §5.1): the header gets <c>alg</c> from the signer's
/// key, first, so a caller can never sign under an algorithm the key does not have.
/// </summary>
public static class JwsSigning
{
    /// <summary>Signs <paramref name="payload"/> and returns the compact serialization (RFC 7515 §7.1).</summary>
    /// <param name="signer">The private key.</param>
    /// <param name="header">Header members besides <c>alg</c> (e.g. <c>typ</c>, <c>kid</c>, <c>x5c</c>), or null.</param>
    /// <param name="payload">The payload bytes (for a JWT, UTF-8 JSON).</param>
    public static string SignCompact(ISigner signer, JsonObject? header, ReadOnlySpan<byte> payload)
    {
        var encodedPayload = Base64UrlText.Encode(payload);
        var (encodedHeader, encodedSignature) = Sign(signer, header, encodedPayload);
        return string.Concat(encodedHeader, ".", encodedPayload, ".", encodedSignature);
    }

    /// <summary>
    /// Signs an already encoded payload under a protected header and returns the parts: the base64url protected
    /// header and the base64url signature (for the JSON serializations, RFC 7515 §7.2).
    /// </summary>
    public static (string EncodedProtectedHeader, string EncodedSignature) Sign(ISigner signer, JsonObject? header, string encodedPayload)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(encodedPayload);
        var encodedHeader = Base64UrlText.Encode(HeaderBytes(signer.Algorithm, header));
        var input = Jws.SigningInput(encodedHeader, encodedPayload);
        var signature = new byte[signer.SignatureLength];
        signer.Sign(input, signature);
        return (encodedHeader, Base64UrlText.Encode(signature));
    }

    /// <summary>Signs an encoded payload into one signature of a JWS (for the issuer's JSON serializations).</summary>
    internal static JwsSignature SignatureOver(ISigner signer, JsonObject? protectedHeader, JsonObject? unprotectedHeader, string encodedPayload) =>
        SignatureOver(Prepare(signer, protectedHeader, unprotectedHeader), encodedPayload);

    /// <summary>
    /// A signer's headers serialized, encoded and parsed once: an issuer whose header does not change (e.g. one that
    /// carries its x5c chain) signs many payloads under it without doing that work again.
    /// </summary>
    internal static PreparedHeader Prepare(ISigner signer, JsonObject? protectedHeader, JsonObject? unprotectedHeader)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var headerBytes = HeaderBytes(signer.Algorithm, protectedHeader);
        JsonElement? unprotected = unprotectedHeader is null ? null : JsonElement.Parse(ToUtf8(unprotectedHeader));
        if (unprotected is { } members && members.EnumerateObject().Any(m => protectedHeader?.ContainsKey(m.Name) == true || m.Name == "alg"))
        {
            throw new ArgumentException("a header member cannot be both protected and unprotected (RFC 7515 §7.2.1).", nameof(unprotectedHeader));
        }

        return new PreparedHeader(signer, Base64UrlText.Encode(headerBytes), new JoseHeader(JsonElement.Parse(headerBytes), unprotected), unprotected);
    }

    /// <summary>Signs an encoded payload under prepared headers (RFC 7515 §5.1 steps 5–7).</summary>
    internal static JwsSignature SignatureOver(PreparedHeader prepared, string encodedPayload)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var signature = new byte[prepared.Signer.SignatureLength];
        prepared.Signer.Sign(Jws.SigningInput(prepared.EncodedProtectedHeader, encodedPayload), signature);
        return new JwsSignature(prepared.EncodedProtectedHeader, prepared.Header, prepared.Unprotected, signature, Base64UrlText.Encode(signature));
    }

    /// <summary>A signer with its headers ready: the encoded protected header, the parsed header, the unprotected members.</summary>
    internal sealed record PreparedHeader(ISigner Signer, string EncodedProtectedHeader, JoseHeader Header, JsonElement? Unprotected);

    /// <summary>Serializes a JSON object as compact UTF-8 (no indentation, UTF-8 kept as is).</summary>
    public static byte[] ToUtf8(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StrictJson.WriterOptions))
        {
            json.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static byte[] HeaderBytes(JwsAlgorithm algorithm, JsonObject? header)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StrictJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", algorithm.Name());
            foreach (var (name, value) in header ?? [])
            {
                if (name == "alg")
                {
                    throw new ArgumentException("the header must not name 'alg': it follows from the signer's key.", nameof(header));
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
