using System.Text.Json;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>The protected header of an ePRC token (spec §2): <c>alg</c>, <c>kid</c> and optionally <c>typ</c>.</summary>
public sealed record JwsHeader(JwsAlgorithm Algorithm, EessiKeyId KeyId, string? Type)
{
    /// <summary>The only <c>typ</c> the spec allows, when present.</summary>
    public const string JwtType = "JWT";

    /// <summary>
    /// Validates a decoded header: a strict <c>alg</c> allow-list, the <c>kid</c> pattern, <c>typ</c> = JWT when present,
    /// every member once, and no <c>crit</c> (RFC 7515 §4.1.11: we understand no extension, so must refuse it).
    /// Other header parameters are ignored, as RFC 7515 §4 requires. Read in one pass of a
    /// <see cref="Utf8JsonReader"/>, with member names compared as bytes; JSON that is not an object, or not
    /// JSON, fails with <see cref="FindingCode.HeaderNotJson"/>.
    /// </summary>
    public static (JwsHeader? Header, IReadOnlyList<Finding> Findings) Read(ReadOnlySpan<byte> utf8Json)
    {
        var findings = new List<Finding>();
        Member alg = default, kid = default, typ = default;
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
            {
                throw new WireFormatException(FindingCode.HeaderNotJson, DecodeMessages.JsonNotUtf8(DecodeMessages.Subject(JwsPart.Header)));
            }

            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = JwsCompact.DefaultMaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new WireFormatException(FindingCode.HeaderNotJson, DecodeMessages.JsonNotObject(DecodeMessages.Subject(JwsPart.Header)));
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = KnownName(ref reader);
                reader.Read();
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
                switch (name)
                {
                    case "alg":
                        Assign(ref alg, text, name, findings);
                        break;
                    case "kid":
                        Assign(ref kid, text, name, findings);
                        break;
                    case "typ":
                        Assign(ref typ, text, name, findings);
                        break;
                    case "crit":
                        findings.Add(Finding.Error(FindingCode.BadHeader, DecodeMessages.HeaderCrit(), "/header/crit"));
                        break;
                }
            }

            reader.Read(); // throws when anything but white space follows the object
        }
        catch (JsonException e)
        {
            throw new WireFormatException(FindingCode.HeaderNotJson, DecodeMessages.JsonSyntax(DecodeMessages.Subject(JwsPart.Header), e));
        }

        JwsAlgorithm? algorithm = null;
        if (alg.Text is null || !JwsAlgorithms.TryParse(alg.Text, out var parsed))
        {
            var problem = alg.Text is { } a ? DecodeMessages.AlgorithmUnsupported(Truncate(a)) : DecodeMessages.AlgorithmMissing();
            findings.Add(Finding.Error(FindingCode.UnsupportedAlgorithm, problem, "/header/alg"));
        }
        else
        {
            algorithm = parsed;
        }

        EessiKeyId? keyId = null;
        if (kid.Text is null)
        {
            findings.Add(Finding.Error(FindingCode.BadKid, DecodeMessages.NoKid(), "/header/kid"));
        }
        else if (!EessiKeyId.TryParse(kid.Text, out var parsedKid, out var kidError))
        {
            findings.Add(Finding.Error(FindingCode.BadKid, kidError, "/header/kid"));
        }
        else
        {
            keyId = parsedKid;
        }

        if (typ.Present && typ.Text != JwtType)
        {
            findings.Add(Finding.Error(FindingCode.BadHeader, DecodeMessages.HeaderType(), "/header/typ"));
        }

        var header = findings.Count == 0 ? new JwsHeader(algorithm!.Value, keyId!.Value, typ.Text) : null;
        return (header, findings);
    }

    private static void Assign(ref Member slot, string? text, string name, List<Finding> findings)
    {
        if (slot.Present)
        {
            // RFC 7515 §4: header parameter names must be unique; a duplicate must be rejected.
            findings.Add(Finding.Error(FindingCode.DuplicateMember, DecodeMessages.HeaderDuplicate(name), $"/header/{name}"));
            return;
        }

        slot = new Member(true, text);
    }

    /// <summary>The name of the property the reader is at when it is one this reader acts on, else null;
    /// compared as UTF-8, so the common case makes no string.</summary>
    private static string? KnownName(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // RFC 8259 §7: "\u0061lg" is alg.
            return reader.GetString() is { } name and ("alg" or "kid" or "typ" or "crit") ? name : null;
        }

        var raw = reader.ValueSpan;
        return raw.SequenceEqual("alg"u8) ? "alg" : raw.SequenceEqual("kid"u8) ? "kid" : raw.SequenceEqual("typ"u8) ? "typ" : raw.SequenceEqual("crit"u8) ? "crit" : null;
    }

    /// <summary>A header member as read: whether it was there, and its text when it is a string.</summary>
    private readonly record struct Member(bool Present, string? Text);

    private static string Truncate(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
