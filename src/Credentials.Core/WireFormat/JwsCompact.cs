using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet validated or verified:
/// header and payload are checked to be JSON objects, and parsed into documents only when
/// <see cref="Header"/> or <see cref="Payload"/> is asked for (the verifier reads their bytes directly,
/// with <see cref="JwsHeader.Read"/> and <see cref="QrPayloadReader"/>); the signature is raw bytes.
/// </summary>
public sealed class JwsCompact : IDisposable
{
    /// <summary>An ePRC payload nests two levels deep; anything much deeper is not a token of ours.</summary>
    public const int DefaultMaxDepth = 4;

    private readonly int maxDepth;
    private string? text;
    private JsonDocument? header;
    private JsonDocument? payload;

    private JwsCompact(byte[] ascii, int secondDot, byte[] headerBytes, byte[] payloadBytes, byte[] signature, int maxDepth)
    {
        Ascii = ascii;
        SigningInputLength = secondDot;
        HeaderBytes = headerBytes;
        PayloadBytes = payloadBytes;
        Signature = signature;
        this.maxDepth = maxDepth;
    }

    /// <summary>The compact serialization, as it was received (ASCII).</summary>
    public byte[] Ascii { get; }

    /// <summary>The compact serialization as text.</summary>
    public string Text => text ??= Encoding.ASCII.GetString(Ascii);

    /// <summary>RFC 7515 §5.2: the signature covers <c>ASCII(header '.' payload)</c>, the text before the second dot.</summary>
    public int SigningInputLength { get; }

    /// <summary>The decoded header (UTF-8 JSON).</summary>
    public byte[] HeaderBytes { get; }

    /// <summary>The header as a JSON document, parsed on first use.</summary>
    public JsonDocument Header => header ??= ParseJson(HeaderBytes, FindingCode.HeaderNotJson, JwsPart.Header);

    /// <summary>The decoded payload (UTF-8 JSON): exactly the bytes that were signed.</summary>
    public byte[] PayloadBytes { get; }

    /// <summary>The payload as a JSON document, parsed on first use.</summary>
    public JsonDocument Payload => payload ??= ParseJson(PayloadBytes, FindingCode.PayloadNotJson, JwsPart.Payload);

    /// <summary>The decoded signature (RFC 7515 §5.2 step 7): R || S for ES256, the PKCS#1 v1.5 signature for RS256.</summary>
    public byte[] Signature { get; }

    /// <summary>Splits and decodes a compact JWS, failing with <see cref="FindingCode.NotJws"/> or a JSON code.</summary>
    public static JwsCompact Parse(string text, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!System.Text.Ascii.IsValid(text))
        {
            throw new WireFormatException(FindingCode.NotJws, DecodeMessages.JwsNonAsciiCharacters());
        }

        return Parse(Encoding.ASCII.GetBytes(text), maxDepth);
    }

    /// <summary>Splits and decodes a compact JWS given as ASCII bytes (kept, not copied).</summary>
    public static JwsCompact Parse(byte[] ascii, int maxDepth = DefaultMaxDepth)
    {
        var jws = Decode(ascii, maxDepth);
        CheckJsonObject(jws.HeaderBytes, FindingCode.HeaderNotJson, JwsPart.Header, maxDepth);
        CheckJsonObject(jws.PayloadBytes, FindingCode.PayloadNotJson, JwsPart.Payload, maxDepth);
        return jws;
    }

    /// <summary>
    /// Splits and decodes the three base64url parts without looking into the JSON: for a caller whose readers check
    /// header and payload while they read them (<see cref="JwsHeader.Read"/>, <see cref="QrPayloadReader"/>),
    /// so each is scanned once.
    /// </summary>
    internal static JwsCompact Decode(byte[] ascii, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(ascii);
        var span = ascii.AsSpan();
        var (firstDot, secondDot) = Split(span);
        var headerBytes = DecodePart(span[..firstDot], JwsPart.Header);
        var payloadBytes = DecodePart(span[(firstDot + 1)..secondDot], JwsPart.Payload);
        var signature = DecodePart(span[(secondDot + 1)..], JwsPart.Signature);
        return new JwsCompact(ascii, secondDot, headerBytes, payloadBytes, signature, maxDepth);
    }

    /// <summary>RFC 7515 §7.1: the positions of the two dots that separate header, payload and signature.</summary>
    internal static (int FirstDot, int SecondDot) Split(ReadOnlySpan<byte> span)
    {
        var firstDot = span.IndexOf((byte)'.');
        var secondDot = firstDot < 0 ? -1 : span[(firstDot + 1)..].IndexOf((byte)'.') is var next and >= 0 ? firstDot + 1 + next : -1;
        if (firstDot <= 0 || secondDot < 0 || span[(secondDot + 1)..].Contains((byte)'.'))
        {
            throw new WireFormatException(FindingCode.NotJws, DecodeMessages.JwsNotCompact());
        }

        return (firstDot, secondDot);
    }

    /// <summary>RFC 7515 §5.2: the bytes the signature covers, <c>ASCII(header '.' payload)</c>.</summary>
    public ReadOnlySpan<byte> SigningInput => Ascii.AsSpan(0, SigningInputLength);

    /// <summary>Copies the signing input into <paramref name="destination"/> (ASCII), returning its length.</summary>
    public int WriteSigningInput(Span<byte> destination)
    {
        SigningInput.CopyTo(destination);
        return SigningInputLength;
    }

    internal static byte[] DecodePart(ReadOnlySpan<byte> part, JwsPart name)
    {
        if (part.IsEmpty)
        {
            throw new WireFormatException(FindingCode.NotJws, DecodeMessages.JwsPartEmpty(name));
        }

        // RFC 7515 §2: base64url without padding; Base64Url rejects characters outside that alphabet.
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (part.Contains((byte)'=') || Base64Url.DecodeFromUtf8(part, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done || consumed != part.Length)
        {
            throw new WireFormatException(FindingCode.NotJws, DecodeMessages.JwsPartNotBase64Url(name));
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }

    /// <summary>RFC 7515 §5.2 steps 3–4 and 8–9: the decoded part is UTF-8 and one JSON object.</summary>
    private static void CheckJsonObject(byte[] utf8, FindingCode code, JwsPart name, int maxDepth)
    {
        if (JsonObjectCheck.Problem(utf8, maxDepth) is { } problem)
        {
            throw new WireFormatException(code, problem.Describe(DecodeMessages.Subject(name)));
        }
    }

    /// <summary>A document for <see cref="Header"/> or <see cref="Payload"/>: checked by the same rules, with the same
    /// messages, as <see cref="Parse(byte[], int)"/>, since a token made by <see cref="Decode"/> was not checked.</summary>
    private JsonDocument ParseJson(byte[] utf8, FindingCode code, JwsPart name)
    {
        CheckJsonObject(utf8, code, name, maxDepth);
        return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth });
    }

    /// <summary>Releases the header and payload documents when they were parsed.</summary>
    public void Dispose()
    {
        header?.Dispose();
        payload?.Dispose();
    }
}
