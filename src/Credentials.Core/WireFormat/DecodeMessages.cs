using Credentials.Labels;

namespace Credentials.WireFormat;

/// <summary>
/// The messages of the wire format (steps 2 and 3: Base45, zlib, the JWS, its header, the kid, the key), as keys of
/// the label data (<see cref="MessageCatalog"/>). None quotes the input beyond a member name or an algorithm name.
/// </summary>
internal static class DecodeMessages
{
    public static MessageText QrTextEmpty() => MessageText.Of("decode.qrTextEmpty");

    public static MessageText QrTextTooLong(int length, int max) => MessageText.Of("decode.qrTextTooLong", ("length", length), ("max", max));

    public static MessageText Base45Alphabet(int position) => MessageText.Of("decode.base45.alphabet", ("position", position));

    public static MessageText Base45Length(int length) => MessageText.Of("decode.base45.length", ("length", length));

    public static MessageText Base45Value() => MessageText.Of("decode.base45.value");

    public static MessageText ZlibTooShort(int length) => MessageText.Of("decode.zlib.tooShort", ("length", length));

    public static MessageText ZlibChecksum() => MessageText.Of("decode.zlib.checksum");

    public static MessageText ZlibCorrupt() => MessageText.Of("decode.zlib.corrupt");

    public static MessageText ZlibTrailing() => MessageText.Of("decode.zlib.trailing");

    public static MessageText ZlibHeader() => MessageText.Of("decode.zlib.header");

    public static MessageText ZlibDictionary() => MessageText.Of("decode.zlib.dictionary");

    public static MessageText InflatedTooLarge(int max) => MessageText.Of("decode.inflatedTooLarge", ("max", max));

    public static MessageText JwsNonAsciiBytes() => MessageText.Of("decode.jws.nonAsciiBytes");

    public static MessageText JwsNonAsciiCharacters() => MessageText.Of("decode.jws.nonAsciiCharacters");

    public static MessageText JwsNotCompact() => MessageText.Of("decode.jws.notCompact");

    public static MessageText JwsPartEmpty(JwsPart part) => MessageText.Of("decode.jws.partEmpty", ("part", Subject(part)));

    public static MessageText JwsPartNotBase64Url(JwsPart part) => MessageText.Of("decode.jws.partNotBase64Url", ("part", Subject(part)));

    /// <summary>The part as the subject of a sentence: "the JWS header".</summary>
    public static MessageText Subject(JwsPart part) => MessageText.Of(part switch
    {
        JwsPart.Header => "subject.jwsHeader",
        JwsPart.Payload => "subject.jwsPayload",
        _ => "subject.jwsSignature",
    });

    public static MessageText Request() => MessageText.Of("subject.request");

    public static MessageText JsonNotUtf8(MessageText subject) => MessageText.Of("json.notUtf8", ("subject", subject));

    public static MessageText JsonEmpty(MessageText subject) => MessageText.Of("json.empty", ("subject", subject));

    public static MessageText JsonNotObject(MessageText subject) => MessageText.Of("json.notObject", ("subject", subject));

    /// <summary>A syntax error, where the reader found it (never the text around it: it may hold personal data).</summary>
    public static MessageText JsonSyntax(MessageText subject, System.Text.Json.JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.LineNumber is { } line
            ? JsonSyntaxAt(subject, line + 1, (error.BytePositionInLine ?? 0) + 1)
            : MessageText.Of("json.syntax", ("subject", subject));
    }

    public static MessageText JsonSyntaxAt(MessageText subject, long line, long position) =>
        MessageText.Of("json.syntaxAt", ("subject", subject), ("line", line), ("byte", position));

    /// <summary>What kind of JSON value was found instead: "an array", "a string" …</summary>
    public static MessageText Found(System.Text.Json.JsonValueKind kind) => MessageText.Of(kind switch
    {
        System.Text.Json.JsonValueKind.Object => "found.object",
        System.Text.Json.JsonValueKind.Array => "found.array",
        System.Text.Json.JsonValueKind.String => "found.string",
        System.Text.Json.JsonValueKind.Number => "found.number",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "found.boolean",
        System.Text.Json.JsonValueKind.Null => "found.null",
        _ => "found.nothing",
    });

    public static MessageText FoundOther() => MessageText.Of("found.other");

    public static MessageText HeaderCrit() => MessageText.Of("header.crit");

    public static MessageText AlgorithmUnsupported(string algorithm) => MessageText.Of("header.algorithmUnsupported", ("algorithm", algorithm));

    public static MessageText AlgorithmMissing() => MessageText.Of("header.algorithmMissing");

    public static MessageText NoKid() => MessageText.Of("header.noKid");

    public static MessageText HeaderType() => MessageText.Of("header.typ");

    public static MessageText HeaderDuplicate(string name) => MessageText.Of("header.duplicate", ("name", name));

    public static MessageText KidPrefix(string prefix) => MessageText.Of("kid.prefix", ("prefix", prefix));

    public static MessageText KidAlphabet() => MessageText.Of("kid.alphabet");

    public static MessageText KidLength(int length, int expected) => MessageText.Of("kid.length", ("length", length), ("expected", expected));

    public static MessageText KidNotCanonical() => MessageText.Of("kid.notCanonical");

    public static MessageText KeyNotEcOrRsa() => MessageText.Of("key.notEcOrRsa");

    public static MessageText KeyEcP256() => MessageText.Of("key.ecP256");

    public static MessageText KeyEcOther(int bits) => MessageText.Of("key.ecOther", ("bits", bits));

    public static MessageText KeyRsa(int bits) => MessageText.Of("key.rsa", ("bits", bits));

    public static MessageText KeyNeedsEs256(MessageText key) => MessageText.Of("key.needsEs256", ("key", key));

    public static MessageText KeyNeedsRs256(MessageText key, int bits) => MessageText.Of("key.needsRs256", ("key", key), ("bits", bits));
}
