using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet validated or verified:
/// header and payload are parsed as JSON documents, the signature is raw bytes.
/// </summary>
public sealed class JwsCompact : IDisposable
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    private JwsCompact(string text, int secondDot, JsonDocument header, byte[] payloadBytes, JsonDocument payload, byte[] signature)
    {
        Text = text;
        SigningInputLength = secondDot;
        Header = header;
        PayloadBytes = payloadBytes;
        Payload = payload;
        Signature = signature;
    }

    /// <summary>The compact serialization, as it was received.</summary>
    public string Text { get; }

    /// <summary>RFC 7515 §5.2: the signature covers <c>ASCII(header '.' payload)</c>, the text before the second dot.</summary>
    public int SigningInputLength { get; }

    public JsonDocument Header { get; }

    public byte[] PayloadBytes { get; }

    public JsonDocument Payload { get; }

    public byte[] Signature { get; }

    /// <summary>Splits and decodes a compact JWS, failing with <see cref="FindingCode.NotJws"/> or a JSON code.</summary>
    public static JwsCompact Parse(string text)
    {
        var firstDot = text.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : text.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || text.IndexOf('.', secondDot + 1) >= 0)
        {
            throw new WireFormatException(FindingCode.NotJws, "the inflated data is not a JWS in compact serialization (three base64url parts separated by dots).");
        }

        var headerBytes = DecodePart(text.AsSpan(0, firstDot), "header");
        var payloadBytes = DecodePart(text.AsSpan(firstDot + 1, secondDot - firstDot - 1), "payload");
        var signature = DecodePart(text.AsSpan(secondDot + 1), "signature");

        var header = ParseJson(headerBytes, FindingCode.HeaderNotJson, "header");
        try
        {
            var payload = ParseJson(payloadBytes, FindingCode.PayloadNotJson, "payload");
            return new JwsCompact(text, secondDot, header, payloadBytes, payload, signature);
        }
        catch
        {
            header.Dispose();
            throw;
        }
    }

    /// <summary>Copies the signing input into <paramref name="destination"/> (ASCII), returning its length.</summary>
    public int WriteSigningInput(Span<byte> destination) => Encoding.ASCII.GetBytes(Text.AsSpan(0, SigningInputLength), destination);

    private static byte[] DecodePart(ReadOnlySpan<char> part, string name)
    {
        if (part.IsEmpty)
        {
            throw new WireFormatException(FindingCode.NotJws, $"the JWS {name} is empty.");
        }

        // RFC 7515 §2: base64url without padding; Base64Url rejects characters outside that alphabet.
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (part.Contains('=') || Base64Url.DecodeFromChars(part, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done || consumed != part.Length)
        {
            throw new WireFormatException(FindingCode.NotJws, $"the JWS {name} is not base64url (RFC 7515 §2).");
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }

    private static JsonDocument ParseJson(byte[] utf8, FindingCode code, string name)
    {
        // RFC 7515 §5.2 steps 3 and 8: the decoded header and payload must be UTF-8. The JSON reader checks
        // string contents only when they are read, so check up front rather than fail later.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw new WireFormatException(code, $"the JWS {name} is not valid UTF-8.");
        }

        try
        {
            var document = JsonDocument.Parse(utf8, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new WireFormatException(code, $"the JWS {name} is not a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new WireFormatException(code, $"the JWS {name} is not valid JSON: {PrcPayloadReader.JsonErrorText(e)}.");
        }
        catch (ArgumentException)
        {
            throw new WireFormatException(code, $"the JWS {name} is not valid UTF-8 JSON.");
        }
    }

    public void Dispose()
    {
        Header.Dispose();
        Payload.Dispose();
    }
}
