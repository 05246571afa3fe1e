using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.WireFormat;

namespace Credentials.Wallet.Jose;

/// <summary>
/// The JOSE header of one JWS signature (RFC 7515 §4): the integrity-protected members and, in the JSON
/// serializations, the unprotected ones (their names are disjoint, §7.2.1). Read-only; values are JSON elements.
/// </summary>
public sealed class JoseHeader
{
    /// <summary>RFC 7515 §4.1.6: more certificates than this is not a chain we read.</summary>
    public const int MaxCertificates = 10;

    private readonly JsonElement protectedMembers;
    private readonly JsonElement? unprotectedMembers;

    internal JoseHeader(JsonElement protectedMembers, JsonElement? unprotectedMembers)
    {
        this.protectedMembers = protectedMembers;
        this.unprotectedMembers = unprotectedMembers;

        // Read once: every verification asks for both, some more than once (and a header may be shared, see Jws).
        Algorithm = GetProtectedString("alg");
        Type = GetString("typ");
    }

    /// <summary>The <c>alg</c> member (RFC 7515 §4.1.1), when it is a protected string.</summary>
    public string? Algorithm { get; }

    /// <summary>The <c>typ</c> member (RFC 7515 §4.1.9), when it is a string.</summary>
    public string? Type { get; }

    /// <summary>The <c>kid</c> member (RFC 7515 §4.1.4), when it is a string (a non-string <c>kid</c> reads as null).</summary>
    public string? KeyId => GetString("kid");

    /// <summary>The integrity-protected members (the decoded <c>protected</c> part).</summary>
    public JsonElement Protected => protectedMembers;

    /// <summary>Whether the header has a member of this name, protected or not.</summary>
    public bool Contains(string name) => TryGetValue(name, out _);

    /// <summary>A member's value, looked up in the protected and then the unprotected members.</summary>
    public bool TryGetValue(string name, out JsonElement value)
    {
        if (protectedMembers.TryGetProperty(name, out value))
        {
            return true;
        }

        if (unprotectedMembers is { } unprotected && unprotected.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A member's value when it is a JSON string, or null.</summary>
    public string? GetString(string name) =>
        TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Whether the member is integrity-protected (in the signed part).</summary>
    public bool IsProtected(string name) => protectedMembers.TryGetProperty(name, out _);

    /// <summary>
    /// The signature algorithm, if <c>alg</c> is protected and on <paramref name="allowed"/>. Anything else,
    /// <c>none</c> and HS* included (RFC 8725 §3.1, §3.2), is refused with the reason.
    /// </summary>
    public bool TryGetAlgorithm(IReadOnlySet<JwsAlgorithm> allowed, out JwsAlgorithm algorithm, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var name = Algorithm;
        if (name is null)
        {
            algorithm = default;
            problem = "the header has no protected 'alg' string";
            return false;
        }

        // RFC 7515 §4.1.1: the name is case-sensitive; the core's parse knows only ES256 and RS256.
        if (!JwsAlgorithms.TryParse(name, out algorithm) || !allowed.Contains(algorithm))
        {
            // The name is echoed only when it looks like an algorithm name, so a message never carries arbitrary text.
            problem = name.Length is > 0 and <= 16 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-')
                ? $"the algorithm '{name}' is not allowed"
                : "the header's algorithm is not allowed";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// The <c>x5c</c> chain (RFC 7515 §4.1.6: standard base64 DER certificates, the signer's first), or false with the
    /// reason when it is absent or malformed. The certificates are the caller's to dispose.
    /// </summary>
    public bool TryGetCertificateChain([NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain, [NotNullWhen(false)] out string? problem)
    {
        chain = null;
        if (!TryGetValue("x5c", out var x5c))
        {
            problem = "the header has no 'x5c'";
            return false;
        }

        if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() is 0 or > MaxCertificates)
        {
            problem = $"'x5c' is not an array of 1 to {MaxCertificates} certificates";
            return false;
        }

        var certificates = new List<X509Certificate2>();
        foreach (var item in x5c.EnumerateArray())
        {
            try
            {
                // RFC 7515 §4.1.6: base64 (not base64url) of the DER certificate.
                var der = item.ValueKind == JsonValueKind.String ? Convert.FromBase64String(item.GetString()!) : null;
                if (der is null)
                {
                    throw new FormatException();
                }

                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (Exception exception) when (exception is FormatException or CryptographicException)
            {
                certificates.ForEach(c => c.Dispose());
                problem = $"'x5c' entry {certificates.Count + 1} is not a base64 DER certificate";
                return false;
            }
        }

        chain = certificates;
        problem = null;
        return true;
    }

    /// <summary>The header as one JSON object (protected members first), e.g. for a report.</summary>
    public JsonObject ToJsonObject()
    {
        var result = JsonNode.Parse(protectedMembers.GetRawText())!.AsObject();
        if (unprotectedMembers is { } unprotected)
        {
            foreach (var member in unprotected.EnumerateObject())
            {
                result[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        return result;
    }

    private string? GetProtectedString(string name) =>
        protectedMembers.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
