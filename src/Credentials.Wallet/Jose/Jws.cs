using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.WireFormat;

namespace Credentials.Wallet.Jose;

/// <summary>
/// A JWS (RFC 7515), split and decoded but not verified: the payload and one or more signatures. Read from the
/// compact serialization (§7.1) or the JSON serializations (§7.2, flattened or general); verify a signature with
/// <see cref="Verify"/>. Header JSON is strict (duplicate names refused) and <c>crit</c> is refused (we understand
/// no extension, RFC 7515 §4.1.11).
/// </summary>
public sealed class Jws
{
    // The payload as a range of the text received; it becomes a string only when asked for.
    private readonly ReadOnlyMemory<char> encodedPayload;
    private string? encodedPayloadText;

    private Jws(string encodedPayload, byte[] payload, IReadOnlyList<JwsSignature> signatures)
        : this(encodedPayload.AsMemory(), payload, signatures)
    {
        encodedPayloadText = encodedPayload;
    }

    private Jws(ReadOnlyMemory<char> encodedPayload, byte[] payload, IReadOnlyList<JwsSignature> signatures)
    {
        this.encodedPayload = encodedPayload;
        Payload = payload;
        Signatures = signatures;
    }

    /// <summary>The payload as received (base64url): it is part of the signing input.</summary>
    public string EncodedPayload => encodedPayloadText ??= encodedPayload.ToString();

    /// <summary>The decoded payload bytes (for a JWT, UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The signatures: one for the compact and flattened forms, one or more for the general form.</summary>
    public IReadOnlyList<JwsSignature> Signatures { get; }

    /// <summary>The header of the first (for compact, the only) signature.</summary>
    public JoseHeader Header => Signatures[0].Header;

    /// <summary>Reads a compact JWS <c>header.payload.signature</c> (RFC 7515 §7.1), or says why it is not one.</summary>
    public static bool TryParseCompact(string text, JwsLimits? limits, [NotNullWhen(true)] out Jws? jws, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCompact(text, 0, text.Length, limits, out jws, out problem);
    }

    /// <summary>Reads the compact JWS that is <paramref name="length"/> characters of <paramref name="text"/> from <paramref name="start"/>.</summary>
    internal static bool TryParseCompact(string text, int start, int length, JwsLimits? limits, [NotNullWhen(true)] out Jws? jws, [NotNullWhen(false)] out string? problem)
    {
        limits ??= JwsLimits.Default;
        jws = null;
        if (length > limits.MaxLength)
        {
            problem = $"the JWS is longer than {limits.MaxLength} characters";
            return false;
        }

        var span = text.AsSpan(start, length);
        var first = span.IndexOf('.');
        var second = first < 0 ? -1 : span[(first + 1)..].IndexOf('.') + first + 1;
        if (second <= first || span[(second + 1)..].Contains('.'))
        {
            problem = "the JWS does not have three parts separated by '.'";
            return false;
        }

        var encodedHeader = text.AsMemory(start, first);
        var encodedPayload = text.AsMemory(start + first + 1, second - first - 1);
        var encodedSignature = text.AsMemory(start + second + 1, length - second - 1);
        if (!TryReadSignature(encodedHeader, null, encodedSignature, limits, out var signature, out problem)
            || !TryDecodePayload(encodedPayload.Span, out var payload, out problem))
        {
            return false;
        }

        jws = new Jws(encodedPayload, payload, [signature]);
        return true;
    }

    /// <summary>Reads a JWS JSON serialization (RFC 7515 §7.2: general with <c>signatures</c>, or flattened).</summary>
    public static bool TryParseJson(JsonElement json, JwsLimits? limits, [NotNullWhen(true)] out Jws? jws, [NotNullWhen(false)] out string? problem)
    {
        limits ??= JwsLimits.Default;
        jws = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = "the JWS JSON serialization is not an object";
            return false;
        }

        if (!json.TryGetProperty("payload", out var payloadMember) || payloadMember.ValueKind != JsonValueKind.String)
        {
            problem = "the JWS JSON has no 'payload' string";
            return false;
        }

        var encodedPayload = payloadMember.GetString()!;
        if (!TryDecodePayload(encodedPayload, out var payload, out problem))
        {
            return false;
        }

        var signatures = new List<JwsSignature>();
        if (json.TryGetProperty("signatures", out var signatureArray))
        {
            // RFC 7515 §7.2.1 (general): the signature members live in the elements of 'signatures', not beside it.
            if (json.TryGetProperty("protected", out _) || json.TryGetProperty("header", out _) || json.TryGetProperty("signature", out _))
            {
                problem = "the JWS JSON mixes the general and the flattened forms";
                return false;
            }

            if (signatureArray.ValueKind != JsonValueKind.Array || signatureArray.GetArrayLength() is 0 || signatureArray.GetArrayLength() > limits.MaxSignatures)
            {
                problem = $"'signatures' is not an array of 1 to {limits.MaxSignatures} signatures";
                return false;
            }

            foreach (var entry in signatureArray.EnumerateArray())
            {
                if (!TryReadJsonSignature(entry, limits, out var signature, out problem))
                {
                    return false;
                }

                signatures.Add(signature);
            }
        }
        else
        {
            // RFC 7515 §7.2.2 (flattened): the one signature's members sit beside 'payload'.
            if (!TryReadJsonSignature(json, limits, out var signature, out problem))
            {
                return false;
            }

            signatures.Add(signature);
        }

        jws = new Jws(encodedPayload, payload, signatures);
        return true;
    }

    /// <summary>
    /// Checks one signature with a public key (RFC 7515 §5.2). False for a bad signature, a key that does not fit the
    /// algorithm (RFC 7518 §3.3, §3.4), or a signature of the wrong length; never an exception for bad input.
    /// </summary>
    public bool Verify(JwsSignature signature, AsymmetricAlgorithm publicKey, JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(publicKey);
        // RFC 7515 §5.1 step 8: ASCII(protected '.' payload), written into pooled memory for the check.
        var header = signature.EncodedProtectedHeaderSpan;
        var payload = encodedPayload.Span;
        var length = header.Length + 1 + payload.Length;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var input = rented.AsSpan(0, length);
            Encoding.ASCII.GetBytes(header, input);
            input[header.Length] = (byte)'.';
            Encoding.ASCII.GetBytes(payload, input[(header.Length + 1)..]);
            return JwsKeys.Verify(input, signature.Signature.Span, publicKey, algorithm);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The compact serialization (RFC 7515 §7.1): one signature, no unprotected header.</summary>
    public string ToCompact()
    {
        if (Signatures.Count != 1 || Signatures[0].UnprotectedHeader is not null)
        {
            throw new InvalidOperationException("only a JWS with one signature and no unprotected header has a compact form.");
        }

        return string.Concat(Signatures[0].EncodedProtectedHeader, ".", EncodedPayload, ".", Signatures[0].EncodedSignature);
    }

    /// <summary>RFC 7515 §5.1 step 8: the signing input is <c>ASCII(protected '.' payload)</c>.</summary>
    internal static byte[] SigningInput(string encodedProtectedHeader, string encodedPayload)
    {
        var input = new byte[encodedProtectedHeader.Length + 1 + encodedPayload.Length];
        Encoding.ASCII.GetBytes(encodedProtectedHeader, input);
        input[encodedProtectedHeader.Length] = (byte)'.';
        Encoding.ASCII.GetBytes(encodedPayload, input.AsSpan(encodedProtectedHeader.Length + 1));
        return input;
    }

    internal static Jws FromParts(string encodedPayload, byte[] payload, IReadOnlyList<JwsSignature> signatures) => new(encodedPayload, payload, signatures);

    private static bool TryReadJsonSignature(JsonElement entry, JwsLimits limits, [NotNullWhen(true)] out JwsSignature? signature, [NotNullWhen(false)] out string? problem)
    {
        signature = null;
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("protected", out var protectedMember) || protectedMember.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("signature", out var signatureMember) || signatureMember.ValueKind != JsonValueKind.String)
        {
            // We require a protected header: 'alg' must be integrity-protected (RFC 8725 §3.1).
            problem = "a JWS JSON signature has no 'protected' or 'signature' string";
            return false;
        }

        JsonElement? unprotected = null;
        if (entry.TryGetProperty("header", out var headerMember))
        {
            if (headerMember.ValueKind != JsonValueKind.Object)
            {
                problem = "a JWS JSON 'header' is not an object";
                return false;
            }

            unprotected = headerMember;
        }

        return TryReadSignature(protectedMember.GetString().AsMemory(), unprotected, signatureMember.GetString().AsMemory(), limits, out signature, out problem);
    }

    private static bool TryReadSignature(ReadOnlyMemory<char> encodedHeader, JsonElement? unprotected, ReadOnlyMemory<char> encodedSignature, JwsLimits limits, [NotNullWhen(true)] out JwsSignature? signature, [NotNullWhen(false)] out string? problem)
    {
        signature = null;
        if (!RecentProtectedHeaders.TryGet(encodedHeader.Span, limits.MaxDepth, out var protectedOnly))
        {
            if (!Base64UrlText.TryDecode(encodedHeader.Span, out var headerBytes))
            {
                problem = "the JWS header is not base64url";
                return false;
            }

            if (!StrictJson.TryParseObject(headerBytes, limits.MaxDepth, out var decoded, out var jsonProblem))
            {
                problem = $"the JWS header is not valid: {jsonProblem}";
                return false;
            }

            protectedOnly = new JoseHeader(decoded, null);
            RecentProtectedHeaders.Remember(encodedHeader.Span, limits.MaxDepth, protectedOnly);
        }

        var header = protectedOnly.Protected;

        // An empty signature is read (alg 'none' has one) so the algorithm check names the real fault.
        if (!Base64UrlText.TryDecode(encodedSignature.Span, out var signatureBytes))
        {
            problem = "the JWS signature is not base64url";
            return false;
        }

        if (unprotected is { } members)
        {
            foreach (var member in members.EnumerateObject())
            {
                // RFC 7515 §7.2.1: the protected and unprotected member names must be disjoint.
                if (header.TryGetProperty(member.Name, out _))
                {
                    problem = "a header member is both protected and unprotected";
                    return false;
                }
            }

            // RFC 7515 §4.1.11: 'crit', when used, must be integrity-protected.
            if (members.TryGetProperty("crit", out _))
            {
                problem = "'crit' is in the unprotected header";
                return false;
            }
        }

        // RFC 7515 §4.1.11: a recipient that does not understand a listed extension must reject; we understand none.
        if (header.TryGetProperty("crit", out _))
        {
            problem = "the header lists critical extensions ('crit') that are not understood";
            return false;
        }

        signature = new JwsSignature(encodedHeader, unprotected is null ? protectedOnly : new JoseHeader(header, unprotected), unprotected, signatureBytes, encodedSignature);
        problem = null;
        return true;
    }

    private static bool TryDecodePayload(ReadOnlySpan<char> encodedPayload, [NotNullWhen(true)] out byte[]? payload, [NotNullWhen(false)] out string? problem)
    {
        if (!Base64UrlText.TryDecode(encodedPayload, out payload))
        {
            problem = "the JWS payload is not base64url";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The flattened JSON serialization (RFC 7515 §7.2.2) of a one-signature JWS.</summary>
    public JsonObject ToFlattenedJson()
    {
        if (Signatures.Count != 1)
        {
            throw new InvalidOperationException("only a JWS with one signature has a flattened JSON form.");
        }

        var result = SignatureJson(Signatures[0]);
        result.Insert(0, "payload", EncodedPayload);
        return result;
    }

    /// <summary>The general JSON serialization (RFC 7515 §7.2.1).</summary>
    public JsonObject ToGeneralJson() => new()
    {
        ["payload"] = EncodedPayload,
        ["signatures"] = new JsonArray([.. Signatures.Select(s => (JsonNode)SignatureJson(s))]),
    };

    private static JsonObject SignatureJson(JwsSignature signature)
    {
        var result = new JsonObject();
        if (signature.UnprotectedHeader is { } unprotected)
        {
            result["header"] = JsonNode.Parse(unprotected.GetRawText());
        }

        result["protected"] = signature.EncodedProtectedHeader;
        result["signature"] = signature.EncodedSignature;
        return result;
    }
}
