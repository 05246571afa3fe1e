using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Credentials.Signing;
using Credentials.Status;
using Credentials.WireFormat;

namespace Credentials.Wallet.StatusLists;

/// <summary>The Status List Token as a JWT (draft-ietf-oauth-status-list-21 §5.1): header and claims, written and read.</summary>
internal static class StatusListJwt
{
    /// <summary>RFC 7515 §4.1.6: x5c holds the chain, leaf first; more than this is not a chain we would walk.</summary>
    private const int MaxChainLength = 10;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        MaxDepth = 4,

        // RFC 7519 §4: claim names are unique; RFC 7515 §4: so are header parameter names. We refuse duplicates
        // rather than guess which one the signer meant.
        AllowDuplicateProperties = false,
    };

    public static string Sign(StatusListToken token, ICertificateSigner signer, string? keyId)
    {
        using var header = new MemoryStream();
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", signer.Algorithm.Name());

            // §5.1: "typ: REQUIRED. The JWT type MUST be statuslist+jwt" (explicit typing, RFC 8725 §3.11).
            writer.WriteString("typ", StatusListTokenFormat.JwtType);
            if (keyId is not null)
            {
                writer.WriteString("kid", keyId);
            }

            // RFC 7515 §4.1.6: x5c is standard base64 (not base64url) DER, the signing certificate first.
            writer.WriteStartArray("x5c");
            foreach (var certificate in signer.CertificateChain)
            {
                writer.WriteBase64StringValue(certificate.RawData);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", token.Subject.OriginalString);
            writer.WriteNumber("iat", token.IssuedAt.ToUnixTimeSeconds());
            if (token.ExpiresAt is { } exp)
            {
                writer.WriteNumber("exp", exp.ToUnixTimeSeconds());
            }

            if (token.NotBefore is { } nbf)
            {
                writer.WriteNumber("nbf", nbf.ToUnixTimeSeconds());
            }

            if (token.TimeToLive is { } ttl)
            {
                writer.WriteNumber("ttl", StatusListTokenFormat.WholeSeconds(ttl));
            }

            // §4.2: the StatusList object, {"bits": …, "lst": base64url(zlib)}.
            writer.WriteStartObject("status_list");
            writer.WriteNumber("bits", token.List.Bits);
            writer.WriteString("lst", token.List.ToLst());
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return CompactJws.Sign(header.GetBuffer().AsSpan(0, (int)header.Length), payload.GetBuffer().AsSpan(0, (int)payload.Length), signer);
    }

    /// <summary>The header's algorithm, chain and kid (RFC 7515 §4.1), checked before any key is looked up.</summary>
    public static (JwsAlgorithm Algorithm, IReadOnlyList<X509Certificate2> Chain, string? KeyId) ReadHeader(CompactJws jws)
    {
        using var document = ParseObject(jws.Header, "header");
        var header = document.RootElement;

        // RFC 7515 §4.1.11: we understand no extension, so a header that makes one critical is refused.
        if (header.TryGetProperty("crit", out _))
        {
            throw Malformed("its header marks extensions critical (crit), which we do not understand");
        }

        // RFC 8725 §3.1, §3.2: a strict allow-list; "none" and every MAC or other algorithm are refused here.
        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || !JwsAlgorithms.TryParse(alg.GetString(), out var algorithm))
        {
            throw new StatusListFormatException(StatusUnknownCause.BadlySigned, "the status list token is not signed with an allowed algorithm (ES256 or RS256).");
        }

        if (!header.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String || !IsStatusListType(typ.GetString()!))
        {
            throw Malformed($"its header typ is not {StatusListTokenFormat.JwtType} (draft-ietf-oauth-status-list-21 §5.1)");
        }

        string? keyId = null;
        if (header.TryGetProperty("kid", out var kid))
        {
            keyId = kid.ValueKind == JsonValueKind.String ? kid.GetString() : throw Malformed("its header kid is not a string");
        }

        return (algorithm, ReadChain(header), keyId);
    }

    /// <summary>§5.1: the claims, read once the signature has verified.</summary>
    public static StatusListToken ReadClaims(byte[] payload, int maxDecompressedBytes)
    {
        using var document = ParseObject(payload, "payload");
        var claims = document.RootElement;
        var subject = claims.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String && Uri.TryCreate(sub.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw Malformed("its sub is missing or not an absolute URI (§5.1)");
        var issuedAt = ReadNumericDate(claims, "iat") ?? throw Malformed("its iat is missing (§5.1)");
        if (!claims.TryGetProperty("status_list", out var statusList))
        {
            throw Malformed("its status_list is missing (§5.1)");
        }

        return new StatusListToken(subject, issuedAt, ReadStatusList(statusList, maxDecompressedBytes))
        {
            ExpiresAt = Later(ReadNumericDate(claims, "exp"), issuedAt, "exp"),
            NotBefore = ReadNumericDate(claims, "nbf"),
            TimeToLive = ReadTimeToLive(claims),
        };
    }

    /// <summary>§4.2: the JSON StatusList object, <c>{"bits": 1|2|4|8, "lst": base64url(zlib)}</c>.</summary>
    internal static StatusList ReadStatusList(JsonElement statusList, int maxDecompressedBytes)
    {
        if (statusList.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("its status_list is not an object (§4.2)");
        }

        // §4.2: bits is 1, 2, 4 or 8, lst a string; aggregation_uri (§9) may be ignored by a reader, and is.
        var bits = statusList.TryGetProperty("bits", out var bitsValue) && bitsValue.ValueKind == JsonValueKind.Number && bitsValue.TryGetInt32(out var b) && StatusList.IsAllowedBits(b)
            ? b
            : throw Malformed("its status_list bits is missing or not 1, 2, 4 or 8 (§4.2)");
        var lst = statusList.TryGetProperty("lst", out var lstValue) && lstValue.ValueKind == JsonValueKind.String
            ? lstValue.GetString()!
            : throw Malformed("its status_list lst is missing or not a string (§4.2)");
        return StatusList.FromLst(bits, lst, maxDecompressedBytes);
    }

    /// <summary>RFC 7515 §4.1.9: typ is a media type; "application/" may be left out, and the name is case-insensitive.</summary>
    private static bool IsStatusListType(string typ) =>
        string.Equals(typ, StatusListTokenFormat.JwtType, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(typ, StatusListTokenFormat.JwtMediaType, StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2[] ReadChain(JsonElement header)
    {
        if (!header.TryGetProperty("x5c", out var x5c))
        {
            return [];
        }

        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() is 0 or > MaxChainLength)
        {
            throw Malformed($"its header x5c is not an array of 1 to {MaxChainLength} certificates (RFC 7515 §4.1.6)");
        }

        var chain = new X509Certificate2[x5c.GetArrayLength()];
        var i = 0;
        foreach (var element in x5c.EnumerateArray())
        {
            try
            {
                chain[i++] = element.ValueKind == JsonValueKind.String && element.TryGetBytesFromBase64(out var der)
                    ? X509CertificateLoader.LoadCertificate(der)
                    : throw Malformed("an x5c entry is not base64 (RFC 7515 §4.1.6)");
            }
            catch (CryptographicException)
            {
                throw Malformed("an x5c entry is not a DER certificate (RFC 7515 §4.1.6)");
            }
        }

        return chain;
    }

    /// <summary>RFC 7519 §2 NumericDate: seconds since the epoch, possibly with a fraction.</summary>
    private static DateTimeOffset? ReadNumericDate(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !StatusListTokenFormat.TryFromNumericDate(seconds, out var instant))
        {
            throw Malformed($"its {name} is not a NumericDate (RFC 7519 §2)");
        }

        return instant;
    }

    private static TimeSpan? ReadTimeToLive(JsonElement claims)
    {
        if (!claims.TryGetProperty("ttl", out var value))
        {
            return null;
        }

        // §5.1: "The value of the claim MUST be a positive number encoded in JSON as a number."
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds > 0
            ? StatusListTokenFormat.FromTtlSeconds(seconds)
            : throw Malformed("its ttl is not a positive number (§5.1)");
    }

    private static DateTimeOffset? Later(DateTimeOffset? exp, DateTimeOffset iat, string name) =>
        exp is null || exp > iat ? exp : throw Malformed($"its {name} is not after its iat");

    private static JsonDocument ParseObject(byte[] utf8, string part)
    {
        try
        {
            var document = JsonDocument.Parse(utf8, JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Malformed($"its {part} is not a JSON object");
            }

            return document;
        }
        catch (JsonException)
        {
            throw Malformed($"its {part} is not valid JSON, or names a member twice");
        }
    }

    private static StatusListFormatException Malformed(string what) => new(StatusUnknownCause.Malformed, $"the status list token is malformed: {what}.");
}
