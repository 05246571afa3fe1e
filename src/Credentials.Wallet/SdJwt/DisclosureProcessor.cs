using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// RFC 9901 §7.1 step 3 to 5: puts the Disclosures' claims in place of their digests and removes everything
/// undisclosed, refusing every structure the RFC forbids. The holder (§7.2) and the verifier (§7.3) share it.
/// Input is never modified: the processed claims are written as new JSON (values without digests copied as the bytes
/// received, the rest element by element) and read back as one document.
/// </summary>
internal sealed class DisclosureProcessor
{
    private readonly Dictionary<string, Disclosure> byDigest;
    private readonly HashSet<string> seenDigests = new(StringComparer.Ordinal);
    private readonly HashSet<Disclosure> used = [];
    private readonly List<DisclosedClaim> disclosed = [];
    // The member or index at each level above the value being processed; member names are read only for a path
    // that leads to a used Disclosure.
    private readonly List<PathStep> path = [];
    private readonly int maxDepth;
    private readonly Utf8JsonWriter writer;

    private DisclosureProcessor(Dictionary<string, Disclosure> byDigest, int maxDepth, Utf8JsonWriter writer)
    {
        this.byDigest = byDigest;
        this.maxDepth = maxDepth;
        this.writer = writer;
    }

    // The processed claims are written here and copied out when read back, so one buffer per thread serves.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>The processed claims and the Disclosures used, or an <see cref="SdJwtException"/> naming the rule broken.</summary>
    public static (JsonElement Claims, IReadOnlyList<DisclosedClaim> Disclosed) Process(JsonElement claims, IReadOnlyList<Disclosure> disclosures, SdJwtLimits limits)
    {
        CheckHashAlgorithm(claims);

        var byDigest = new Dictionary<string, Disclosure>(disclosures.Count, StringComparer.Ordinal);
        var salts = new HashSet<string>(disclosures.Count, StringComparer.Ordinal);
        foreach (var disclosure in disclosures)
        {
            // RFC 9901 §7.1 step 3.1: the digest of each Disclosure as sent.
            if (!byDigest.TryAdd(disclosure.Digest, disclosure))
            {
                throw new SdJwtException(SdJwtError.DisclosureNotReferenced, "the same Disclosure is sent twice");
            }

            // RFC 9901 §4.2.1: the issuer creates a new salt for every claim; a repeated salt means a broken issuer
            // or a forged Disclosure, and would let the same salt link claims across presentations.
            if (!salts.Add(disclosure.Salt))
            {
                throw new SdJwtException(SdJwtError.SaltReused, "two Disclosures have the same salt");
            }
        }

        var buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, StrictJson.WriterOptions);
        var processor = new DisclosureProcessor(byDigest, limits.MaxDepth, writer);
        processor.ProcessObject(claims, depth: 0);
        writer.Flush();

        // RFC 9901 §7.1 step 5: every Disclosure must be referenced, directly or through another Disclosure.
        if (processor.used.Count != disclosures.Count)
        {
            throw new SdJwtException(SdJwtError.DisclosureNotReferenced, $"{disclosures.Count - processor.used.Count} Disclosure(s) are referenced by no digest");
        }

        return (JsonElement.Parse(buffer.WrittenSpan, new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 }), processor.disclosed);
    }

    /// <summary>RFC 7519 §7.2 step 10: the claims set is a JSON object; RFC 7519 §4: duplicate names are refused.</summary>
    public static JsonElement ReadPayload(SdJwtToken sdJwt, SdJwtLimits limits) =>
        StrictJson.TryParseObject(sdJwt.IssuerSigned.Payload.Span, limits.MaxDepth, out var claims, out var problem)
            ? claims
            : throw new SdJwtException(SdJwtError.IssuerJwtMalformed, $"the issuer-signed JWT's payload is not valid: {problem}");

    private static void CheckHashAlgorithm(JsonElement claims)
    {
        // RFC 9901 §4.1.1: without _sd_alg the digests are sha-256; §7.1 step 2.4: an algorithm not understood is refused.
        if (claims.TryGetProperty(SdJwtNames.HashAlgorithm, out var algorithm)
            && !(algorithm.ValueKind == JsonValueKind.String && algorithm.ValueEquals(SdJwtNames.Sha256)))
        {
            throw new SdJwtException(SdJwtError.UnsupportedHashAlgorithm, "'_sd_alg' is not \"sha-256\"");
        }
    }

    private void Process(JsonElement value, int depth)
    {
        // A value with no digest in it is copied as the bytes received (it was parsed, so it is valid UTF-8 JSON, and
        // the read-back parses it again); only objects and arrays that may hold digests are walked and rewritten.
        if (HoldsNoDigest(value, depth))
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            ProcessObject(value, depth);
        }
        else
        {
            ProcessArray(value, depth);
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> can be copied as it is: no member name in it starts with '_' or '.' or is
    /// escaped, so it has no '_sd', no '...' (RFC 9901 §4.2.4) and nothing else §7.1 removes or refuses. The depth
    /// bound is enforced on it as on a processed value (the same refusal at the same place).
    /// </summary>
    private bool HoldsNoDigest(JsonElement value, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(depth);
                foreach (var member in value.EnumerateObject())
                {
                    if (MayBeReserved(JsonMarshal.GetRawUtf8PropertyName(member)) || !HoldsNoDigest(member.Value, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                CheckDepth(depth);
                foreach (var item in value.EnumerateArray())
                {
                    if (!HoldsNoDigest(item, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // Strings, numbers, true, false and null carry no digests.
                return true;
        }
    }

    // The name as it stands in the JSON: without a backslash it is its own unescaped UTF-8. The reserved names start
    // with '_' or '.', so only such a name, or an escaped one, can be one of them.
    private static bool MayBeReserved(ReadOnlySpan<byte> rawName) =>
        rawName.Contains((byte)'\\') || (rawName.Length > 0 && rawName[0] is (byte)'_' or (byte)'.');

    private void ProcessObject(JsonElement value, int depth)
    {
        CheckDepth(depth);
        writer.WriteStartObject();
        JsonElement? digests = null;
        foreach (var member in value.EnumerateObject())
        {
            var rawName = JsonMarshal.GetRawUtf8PropertyName(member);
            var mayBeReserved = MayBeReserved(rawName);
            if (mayBeReserved)
            {
                if (member.NameEquals(SdJwtNames.Digests))
                {
                    digests = member.Value;
                    continue;
                }

                if (member.NameEquals(SdJwtNames.ArrayElementDigest))
                {
                    // RFC 9901 §4.1: '...' carries digests only as the one member of an array element.
                    throw new SdJwtException(SdJwtError.ReservedNameMisused, "an object that is not an array element has a '...' member");
                }

                if (depth == 0 && member.NameEquals(SdJwtNames.HashAlgorithm))
                {
                    // RFC 9901 §7.1 step 3.6: _sd_alg is removed from the processed payload.
                    continue;
                }
            }

            // A plain name is written from its UTF-8; an escaped one (which may spell anything) as its text.
            if (mayBeReserved && rawName.Contains((byte)'\\'))
            {
                writer.WritePropertyName(member.Name);
            }
            else
            {
                writer.WritePropertyName(rawName);
            }

            path.Add(new PathStep(member, default));
            Process(member.Value, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        if (digests is { } list)
        {
            ProcessDigests(value, list, depth);
        }

        writer.WriteEndObject();
    }

    private void ProcessDigests(JsonElement parent, JsonElement list, int depth)
    {
        // RFC 9901 §7.1 step 3.2.1: objects with an _sd key referring to an array of strings.
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new SdJwtException(SdJwtError.DigestsNotArrayOfStrings, "an '_sd' member is not an array");
        }

        HashSet<string>? disclosedNames = null;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SdJwtException(SdJwtError.DigestsNotArrayOfStrings, "an '_sd' array holds something other than strings");
            }

            // RFC 9901 §7.1 step 3.3.1: a digest without a Disclosure is a decoy or undisclosed, and is dropped.
            if (Lookup(item.GetString()!) is not { } disclosure)
            {
                continue;
            }

            // RFC 9901 §7.1 step 3.3.2.1: a digest in _sd must be of a [salt, name, value] Disclosure.
            if (disclosure.IsArrayElement)
            {
                throw new SdJwtException(SdJwtError.DisclosureKindMismatch, "an '_sd' digest references an array-element Disclosure");
            }

            // RFC 9901 §7.1 step 3.3.2.2 (_sd and ... are refused when the Disclosure is read); _sd_alg is reserved at the top.
            if (depth == 0 && disclosure.Name == SdJwtNames.HashAlgorithm)
            {
                throw new SdJwtException(SdJwtError.DisclosedNameReserved, "a Disclosure names the reserved claim '_sd_alg'");
            }

            // RFC 9901 §7.1 step 3.3.2.3: the claim name must not already exist at this level, as a plain member (of
            // the object as sent: '_sd' and '...' cannot be disclosed names, '_sd_alg' at the top is refused above) or
            // as another Disclosure's claim.
            disclosedNames ??= new HashSet<string>(StringComparer.Ordinal);
            if (parent.TryGetProperty(disclosure.Name, out _) || !disclosedNames.Add(disclosure.Name))
            {
                throw new SdJwtException(SdJwtError.ClaimAlreadyPresent, $"a Disclosure's claim '{disclosure.Name}' is already present in its object");
            }

            // RFC 9901 §7.1 steps 3.3.2.4 and 3.3.2.5: insert the claim, then process its value in turn.
            path.Add(new PathStep(null, disclosure.Name));
            Use(disclosure);
            writer.WritePropertyName(disclosure.Name);
            Process(disclosure.Value, depth + 1);
            path.RemoveAt(path.Count - 1);
        }
    }

    private void ProcessArray(JsonElement value, int depth)
    {
        CheckDepth(depth);
        writer.WriteStartArray();
        var count = 0;
        foreach (var item in value.EnumerateArray())
        {
            // RFC 9901 §7.1 step 3.2.2: array elements that are objects with the one key '...' referring to a string.
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(SdJwtNames.ArrayElementDigest, out var digest))
            {
                if (digest.ValueKind != JsonValueKind.String || item.GetPropertyCount() != 1)
                {
                    throw new SdJwtException(SdJwtError.ArrayElementDigestMalformed, "an array element with '...' has other members or a non-string digest");
                }

                // RFC 9901 §7.1 step 3.4: elements whose digest has no Disclosure are removed.
                if (Lookup(digest.GetString()!) is not { } disclosure)
                {
                    continue;
                }

                // RFC 9901 §7.1 step 3.3.3.1: a digest in an array must be of a [salt, value] Disclosure.
                if (!disclosure.IsArrayElement)
                {
                    throw new SdJwtException(SdJwtError.DisclosureKindMismatch, "an array-element digest references an object-member Disclosure");
                }

                // RFC 9901 §7.1 steps 3.3.3.2 and 3.3.3.3: the value replaces the element and is processed in turn.
                path.Add(new PathStep(null, count++));
                Use(disclosure);
                Process(disclosure.Value, depth + 1);
                path.RemoveAt(path.Count - 1);
                continue;
            }

            path.Add(new PathStep(null, count++));
            Process(item, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        writer.WriteEndArray();
    }

    private Disclosure? Lookup(string digest)
    {
        // RFC 9901 §4.2.3: a sha-256 digest is 43 base64url characters; anything else (truncated, padded) is no digest.
        if (!DisclosureDigest.IsWellFormed(digest))
        {
            throw new SdJwtException(SdJwtError.DigestMalformed, "a digest is not base64url of 32 bytes");
        }

        // RFC 9901 §7.1 step 4: a digest may occur once in the payload and all Disclosures together.
        if (!seenDigests.Add(digest))
        {
            throw new SdJwtException(SdJwtError.DigestReferencedTwice, "a digest occurs more than once");
        }

        return byDigest.GetValueOrDefault(digest);
    }

    private void Use(Disclosure disclosure)
    {
        used.Add(disclosure);
        var segments = new ClaimPathSegment[path.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = path[i].Member is { } member ? member.Name : path[i].Segment;
        }

        disclosed.Add(new DisclosedClaim(ClaimPath.Of(segments), disclosure));
    }

    private void CheckDepth(int depth)
    {
        if (depth >= maxDepth)
        {
            throw new SdJwtException(SdJwtError.LimitExceeded, $"the claims nest deeper than {maxDepth} levels");
        }
    }

    /// <summary>One level of the path: a member of the claims as sent (its name read when needed), or a segment.</summary>
    private readonly record struct PathStep(JsonProperty? Member, ClaimPathSegment Segment);
}
