using System.Runtime.InteropServices;
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
    /// Other header parameters are ignored, as RFC 7515 §4 requires.
    /// </summary>
    public static (JwsHeader? Header, IReadOnlyList<Finding> Findings) Read(JsonElement header)
    {
        var findings = new List<Finding>();
        JsonElement? alg = null, kid = null, typ = null;
        foreach (var member in header.EnumerateObject())
        {
            switch (KnownName(member))
            {
                case "alg":
                    Assign(ref alg, member, findings);
                    break;
                case "kid":
                    Assign(ref kid, member, findings);
                    break;
                case "typ":
                    Assign(ref typ, member, findings);
                    break;
                case "crit":
                    findings.Add(Finding.Error(FindingCode.BadHeader, "the header lists critical extensions (crit), which this verifier does not support.", "/header/crit"));
                    break;
            }
        }

        JwsAlgorithm? algorithm = null;
        if (alg is not { ValueKind: JsonValueKind.String } || !JwsAlgorithms.TryParse(alg.Value.GetString(), out var parsed))
        {
            var name = alg is { ValueKind: JsonValueKind.String } a ? $"'{Truncate(a.GetString()!)}'" : "missing";
            findings.Add(Finding.Error(FindingCode.UnsupportedAlgorithm, $"the signature algorithm is {name}; only ES256 and RS256 are allowed.", "/header/alg"));
        }
        else
        {
            algorithm = parsed;
        }

        EessiKeyId? keyId = null;
        if (kid is not { ValueKind: JsonValueKind.String })
        {
            findings.Add(Finding.Error(FindingCode.BadKid, "the header has no kid string.", "/header/kid"));
        }
        else if (!EessiKeyId.TryParse(kid.Value.GetString(), out var parsedKid, out var kidError))
        {
            findings.Add(Finding.Error(FindingCode.BadKid, kidError, "/header/kid"));
        }
        else
        {
            keyId = parsedKid;
        }

        string? type = null;
        if (typ is { } t)
        {
            type = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != JwtType)
            {
                findings.Add(Finding.Error(FindingCode.BadHeader, "the header's typ, when present, must be JWT.", "/header/typ"));
            }
        }

        var header2 = findings.Any(f => f.IsBlocking) ? null : new JwsHeader(algorithm!.Value, keyId!.Value, type);
        return (header2, findings);
    }

    private static void Assign(ref JsonElement? slot, JsonProperty member, List<Finding> findings)
    {
        if (slot is not null)
        {
            // RFC 7515 §4: header parameter names must be unique; a duplicate must be rejected.
            findings.Add(Finding.Error(FindingCode.DuplicateMember, $"the header member '{member.Name}' appears more than once.", $"/header/{member.Name}"));
            return;
        }

        slot = member.Value;
    }

    /// <summary>The member's name when it is one this reader acts on, else null; compared as UTF-8, so the
    /// common case makes no string.</summary>
    private static string? KnownName(JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.Contains((byte)'\\'))
        {
            return member.Name; // escaped (RFC 8259 §7): "\u0061lg" is alg
        }

        return raw.SequenceEqual("alg"u8) ? "alg" : raw.SequenceEqual("kid"u8) ? "kid" : raw.SequenceEqual("typ"u8) ? "typ" : raw.SequenceEqual("crit"u8) ? "crit" : null;
    }

    private static string Truncate(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
