using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// An SD-JWT or SD-JWT+KB (RFC 9901 §4), split and decoded but not verified: the issuer-signed JWT, the
/// Disclosures as sent, and the Key Binding JWT if any. Read with <see cref="TryParse"/> from the compact form or a
/// JWS JSON serialization (§8); written back with <see cref="Serialize"/> in the form it has.
/// </summary>
public sealed class SdJwtToken
{
    private string? sdHashInput;

    // A compact SD-JWT as received, and how much of it sd_hash covers: the text is hashed in place (RFC 9901 §4.3.1).
    private readonly string? received;
    private readonly int sdHashLength;

    internal SdJwtToken(Jws issuerSigned, IReadOnlyList<Disclosure> disclosures, Jws? keyBinding, string? keyBindingText, SdJwtSerialization serialization, string? compactWithoutKeyBinding = null)
        : this(issuerSigned, disclosures, keyBinding, keyBindingText, serialization, compactWithoutKeyBinding, compactWithoutKeyBinding?.Length ?? 0)
    {
    }

    private SdJwtToken(Jws issuerSigned, IReadOnlyList<Disclosure> disclosures, Jws? keyBinding, string? keyBindingText, SdJwtSerialization serialization, string? received, int sdHashLength)
    {
        this.received = received;
        this.sdHashLength = sdHashLength;
        IssuerSigned = issuerSigned;
        Disclosures = disclosures;
        KeyBinding = keyBinding;
        KeyBindingText = keyBindingText;
        Serialization = serialization;
    }

    /// <summary>The issuer-signed JWT (RFC 9901 §4.1).</summary>
    public Jws IssuerSigned { get; }

    /// <summary>The Disclosures, in the order sent.</summary>
    public IReadOnlyList<Disclosure> Disclosures { get; }

    /// <summary>The Key Binding JWT (RFC 9901 §4.3), or null for an SD-JWT without Key Binding.</summary>
    public Jws? KeyBinding { get; }

    /// <summary>The Key Binding JWT as sent (compact), or null.</summary>
    public string? KeyBindingText { get; }

    /// <summary>The form this SD-JWT was read or written in.</summary>
    public SdJwtSerialization Serialization { get; }

    /// <summary>
    /// RFC 9901 §4.3.1 and §8.1: the text <c>sd_hash</c> is computed over: the compact issuer-signed JWT (for the JSON
    /// forms built from the first signature), then every Disclosure, each followed by '~'; no KB-JWT.
    /// </summary>
    public string SdHashInput => sdHashInput ??= received is null ? BuildSdHashInput() : received[..sdHashLength];

    /// <summary><see cref="SdHashInput"/> without a copy when the SD-JWT was received in compact form.</summary>
    internal ReadOnlySpan<char> SdHashInputSpan => received is null ? SdHashInput : received.AsSpan(0, sdHashLength);

    private string BuildSdHashInput()
    {
        var signature = IssuerSigned.Signatures[0];
        var text = new StringBuilder(signature.EncodedProtectedHeader.Length + IssuerSigned.EncodedPayload.Length + signature.EncodedSignature.Length + 2 + Disclosures.Sum(d => d.Encoded.Length + 1) + 1);
        text.Append(signature.EncodedProtectedHeader).Append('.').Append(IssuerSigned.EncodedPayload).Append('.').Append(signature.EncodedSignature).Append(SdJwtNames.Separator);
        foreach (var disclosure in Disclosures)
        {
            text.Append(disclosure.Encoded).Append(SdJwtNames.Separator);
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads an SD-JWT in any of its forms (a text starting with '{' is JWS JSON), or fails with the rule broken:
    /// <see cref="SdJwtError.NotAnSdJwt"/> for a bare JWT, <see cref="SdJwtError.NotTerminated"/>,
    /// <see cref="SdJwtError.IssuerJwtMalformed"/>, <see cref="SdJwtError.DisclosureMalformed"/>,
    /// <see cref="SdJwtError.KeyBindingMalformed"/>, <see cref="SdJwtError.LimitExceeded"/>. Nothing is verified.
    /// </summary>
    public static bool TryParse(string text, SdJwtLimits? limits, [NotNullWhen(true)] out SdJwtToken? sdJwt, [NotNullWhen(false)] out SdJwtFailure? failure)
    {
        limits ??= SdJwtLimits.Default;
        try
        {
            sdJwt = Parse(text, limits);
            failure = null;
            return true;
        }
        catch (SdJwtException exception)
        {
            sdJwt = null;
            failure = exception.Failure;
            return false;
        }
    }

    /// <summary>The SD-JWT in the form it was read or issued in.</summary>
    public string Serialize() => Serialization switch
    {
        SdJwtSerialization.Compact => ToCompact(),
        SdJwtSerialization.FlattenedJson => ToFlattenedJson(),
        _ => ToGeneralJson(),
    };

    /// <summary>The compact form <c>&lt;JWT&gt;~&lt;D1&gt;~…~&lt;Dn&gt;~[&lt;KB-JWT&gt;]</c> (RFC 9901 §4); needs one signature without unprotected header members besides the Disclosures.</summary>
    public string ToCompact()
    {
        if (IssuerSigned.Signatures.Count != 1 || OwnMembers(IssuerSigned.Signatures[0]).Count > 0)
        {
            throw new InvalidOperationException("this SD-JWT has more than one signature or unprotected header members: it has no compact form.");
        }

        return SdHashInput + KeyBindingText;
    }

    /// <summary>The JWS JSON Flattened Serialization (RFC 9901 §8.2); needs one signature.</summary>
    public string ToFlattenedJson()
    {
        if (IssuerSigned.Signatures.Count != 1)
        {
            throw new InvalidOperationException("this SD-JWT has more than one signature: it has no flattened JSON form.");
        }

        var json = SignatureJson(IssuerSigned.Signatures[0], first: true);
        json.Insert(0, "payload", IssuerSigned.EncodedPayload);
        return json.ToJsonString();
    }

    /// <summary>The JWS JSON General Serialization (RFC 9901 §8.3): Disclosures and KB-JWT in the first signature's header.</summary>
    public string ToGeneralJson() => new JsonObject
    {
        ["payload"] = IssuerSigned.EncodedPayload,
        ["signatures"] = new JsonArray([.. IssuerSigned.Signatures.Select((s, i) => (JsonNode)SignatureJson(s, first: i == 0))]),
    }.ToJsonString();

    /// <summary>This SD-JWT with other Disclosures and Key Binding JWT (the holder's presentation).</summary>
    internal SdJwtToken With(IReadOnlyList<Disclosure> disclosures, Jws? keyBinding, string? keyBindingText) =>
        new(IssuerSigned, disclosures, keyBinding, keyBindingText, Serialization);

    private JsonObject SignatureJson(JwsSignature signature, bool first)
    {
        var header = OwnMembers(signature);
        if (first)
        {
            // RFC 9901 §8.1: the Disclosures and the KB-JWT travel in the (first) unprotected header.
            header[SdJwtNames.DisclosuresHeader] = new JsonArray([.. Disclosures.Select(d => (JsonNode)d.Encoded)]);
            if (KeyBindingText is not null)
            {
                header[SdJwtNames.KeyBindingHeader] = KeyBindingText;
            }
        }

        var json = new JsonObject();
        if (header.Count > 0)
        {
            json["header"] = header;
        }

        json["protected"] = signature.EncodedProtectedHeader;
        json["signature"] = signature.EncodedSignature;
        return json;
    }

    /// <summary>The unprotected header members that are the JWS's own, not the SD-JWT's.</summary>
    private static JsonObject OwnMembers(JwsSignature signature)
    {
        var members = new JsonObject();
        if (signature.UnprotectedHeader is { } header)
        {
            foreach (var member in header.EnumerateObject())
            {
                if (member.Name is not (SdJwtNames.DisclosuresHeader or SdJwtNames.KeyBindingHeader))
                {
                    members[member.Name] = JsonNode.Parse(member.Value.GetRawText());
                }
            }
        }

        return members;
    }

    private static SdJwtToken Parse(string? text, SdJwtLimits limits)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new SdJwtException(SdJwtError.NotAnSdJwt, "the SD-JWT is empty");
        }

        if (text.Length > limits.MaxLength)
        {
            throw new SdJwtException(SdJwtError.LimitExceeded, $"the SD-JWT is longer than {limits.MaxLength} characters");
        }

        return text[0] == '{' ? ParseJson(text, limits) : ParseCompact(text, limits);
    }

    private static SdJwtToken ParseCompact(string text, SdJwtLimits limits)
    {
        // RFC 9901 §4: <Issuer-signed JWT>~<Disclosure 1>~...~<Disclosure N>~[<KB-JWT>]. A JWT without any '~' is not
        // an SD-JWT: accepting it would let a plain JWT pass where selective disclosure and key binding are expected.
        var separators = text.AsSpan().Count(SdJwtNames.Separator);
        if (separators == 0)
        {
            throw new SdJwtException(SdJwtError.NotAnSdJwt, "a bare JWT (no '~') is not an SD-JWT");
        }

        if (separators - 1 > limits.MaxDisclosures)
        {
            throw new SdJwtException(SdJwtError.LimitExceeded, $"the SD-JWT has more than {limits.MaxDisclosures} Disclosures");
        }

        // The parts are read as ranges of the text: only the pieces the token keeps become strings.
        var end = text.IndexOf(SdJwtNames.Separator);
        if (!Jws.TryParseCompact(text, 0, end, limits.Jws, out var issuerSigned, out var problem))
        {
            throw new SdJwtException(SdJwtError.IssuerJwtMalformed, $"the issuer-signed JWT is malformed: {problem}");
        }

        var disclosures = new List<Disclosure>(separators - 1);
        var last = text.LastIndexOf(SdJwtNames.Separator);
        while (end < last)
        {
            var start = end + 1;
            end = text.IndexOf(SdJwtNames.Separator, start);
            disclosures.Add(ReadDisclosure(text[start..end], limits));
        }

        if (last == text.Length - 1)
        {
            return new SdJwtToken(issuerSigned, disclosures, null, null, SdJwtSerialization.Compact, text, text.Length);
        }

        // After the last '~' comes a KB-JWT or nothing; a final part without any '.' is a Disclosure that lost its '~'.
        var keyBinding = text[(last + 1)..];
        if (!keyBinding.Contains('.', StringComparison.Ordinal))
        {
            throw new SdJwtException(SdJwtError.NotTerminated, "the SD-JWT does not end with '~' and has no Key Binding JWT");
        }

        // RFC 9901 §4.3.1: sd_hash covers the text as received up to and including the last '~'.
        return new SdJwtToken(issuerSigned, disclosures, ReadKeyBinding(keyBinding, limits), keyBinding, SdJwtSerialization.Compact, text, last + 1);
    }

    private static SdJwtToken ParseJson(string text, SdJwtLimits limits)
    {
        if (!StrictJson.TryParseObject(Encoding.UTF8.GetBytes(text), limits.MaxDepth, out var json, out var problem))
        {
            throw new SdJwtException(SdJwtError.IssuerJwtMalformed, $"the JWS JSON serialization is not valid: {problem}");
        }

        if (!Jws.TryParseJson(json, limits.Jws, out var issuerSigned, out problem))
        {
            throw new SdJwtException(SdJwtError.IssuerJwtMalformed, $"the issuer-signed JWS is malformed: {problem}");
        }

        // RFC 9901 §8.1: Disclosures and KB-JWT are in the first signature's unprotected header; we refuse them in any
        // other, where a verifier could miss them.
        foreach (var other in issuerSigned.Signatures.Skip(1))
        {
            if (other.Header.Contains(SdJwtNames.DisclosuresHeader) || other.Header.Contains(SdJwtNames.KeyBindingHeader))
            {
                throw new SdJwtException(SdJwtError.IssuerJwtMalformed, "only the first signature's header may carry 'disclosures' and 'kb_jwt'");
            }
        }

        var first = issuerSigned.Signatures[0];
        if (first.Header.IsProtected(SdJwtNames.DisclosuresHeader) || first.Header.IsProtected(SdJwtNames.KeyBindingHeader))
        {
            throw new SdJwtException(SdJwtError.IssuerJwtMalformed, "'disclosures' and 'kb_jwt' belong in the unprotected header");
        }

        var disclosures = new List<Disclosure>();
        if (first.Header.TryGetValue(SdJwtNames.DisclosuresHeader, out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new SdJwtException(SdJwtError.DisclosureMalformed, "'disclosures' is not an array of strings");
            }

            if (list.GetArrayLength() > limits.MaxDisclosures)
            {
                throw new SdJwtException(SdJwtError.LimitExceeded, $"the SD-JWT has more than {limits.MaxDisclosures} Disclosures");
            }

            foreach (var item in list.EnumerateArray())
            {
                disclosures.Add(item.ValueKind == JsonValueKind.String
                    ? ReadDisclosure(item.GetString()!, limits)
                    : throw new SdJwtException(SdJwtError.DisclosureMalformed, "'disclosures' is not an array of strings"));
            }
        }

        var serialization = json.TryGetProperty("signatures", out _) ? SdJwtSerialization.GeneralJson : SdJwtSerialization.FlattenedJson;
        if (!first.Header.TryGetValue(SdJwtNames.KeyBindingHeader, out var kb))
        {
            return new SdJwtToken(issuerSigned, disclosures, null, null, serialization);
        }

        if (kb.ValueKind != JsonValueKind.String)
        {
            throw new SdJwtException(SdJwtError.KeyBindingMalformed, "'kb_jwt' is not a string");
        }

        var kbText = kb.GetString()!;
        return new SdJwtToken(issuerSigned, disclosures, ReadKeyBinding(kbText, limits), kbText, serialization);
    }

    private static Disclosure ReadDisclosure(string encoded, SdJwtLimits limits) =>
        Disclosure.TryParse(encoded, limits.MaxDepth, out var disclosure, out var failure) ? disclosure : throw new SdJwtException(failure.Code, failure.Message);

    private static Jws ReadKeyBinding(string text, SdJwtLimits limits) =>
        Jws.TryParseCompact(text, limits.Jws, out var jws, out var problem)
            ? jws
            : throw new SdJwtException(SdJwtError.KeyBindingMalformed, $"the Key Binding JWT is malformed: {problem}");
}
