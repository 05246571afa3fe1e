using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// One Disclosure (RFC 9901 §4.2): base64url of the UTF-8 JSON array <c>[salt, name, value]</c> for an object
/// member (§4.2.1) or <c>[salt, value]</c> for an array element (§4.2.2). Its text is kept exactly as created or
/// received, because the digest is taken over that text.
/// </summary>
public sealed class Disclosure
{
    /// <summary>RFC 9901 §9.3: a salt of 128 bits of cryptographically secure randomness.</summary>
    public const int SaltBytes = 16;

    private string? digest;

    private Disclosure(string encoded, string salt, string? name, JsonElement value)
    {
        Encoded = encoded;
        Salt = salt;
        Name = name;
        Value = value;
    }

    /// <summary>The Disclosure as sent: base64url text.</summary>
    public string Encoded { get; }

    /// <summary>The salt (base64url of random bytes when we create it).</summary>
    public string Salt { get; }

    /// <summary>The claim name, or null for an array element.</summary>
    public string? Name { get; }

    /// <summary>Whether the Disclosure stands for an array element (two-element array).</summary>
    [MemberNotNullWhen(false, nameof(Name))]
    public bool IsArrayElement => Name is null;

    /// <summary>The disclosed value (which may itself hold <c>_sd</c> digests: recursive disclosure, RFC 9901 §4.2.6).</summary>
    public JsonElement Value { get; }

    /// <summary>The SHA-256 digest that references this Disclosure (RFC 9901 §4.2.3).</summary>
    public string Digest => digest ??= DisclosureDigest.Compute(Encoded);

    /// <summary>A Disclosure for the object member <paramref name="name"/>, with a fresh random salt.</summary>
    public static Disclosure ForMember(string name, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is SdJwtNames.Digests or SdJwtNames.ArrayElementDigest)
        {
            // RFC 9901 §4.2.1: the claim name must not be _sd or ...
            throw new ArgumentException($"a claim named '{name}' cannot be disclosed: the name is reserved.", nameof(name));
        }

        return Create(NewSalt(), name, value);
    }

    /// <summary>A Disclosure for an array element, with a fresh random salt.</summary>
    public static Disclosure ForArrayElement(JsonNode? value) => Create(NewSalt(), null, value);

    /// <summary>A Disclosure with a given salt (for tests and reproducible examples; issuers use random salts).</summary>
    internal static Disclosure Create(string salt, string? name, JsonNode? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, StrictJson.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(salt);
            if (name is not null)
            {
                writer.WriteStringValue(name);
            }

            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        var json = buffer.ToArray();
        var element = JsonElement.Parse(json);
        return new Disclosure(Base64UrlText.Encode(json), salt, name, element[name is null ? 1 : 2]);
    }

    /// <summary>
    /// Reads a received Disclosure, or fails with <see cref="SdJwtError.DisclosureMalformed"/> (not base64url, not
    /// UTF-8 JSON, not an array of 2 or 3 elements, salt or name not a string) or
    /// <see cref="SdJwtError.DisclosedNameReserved"/> (RFC 9901 §7.1 step 3.3.2.2).
    /// </summary>
    public static bool TryParse(string encoded, int maxDepth, [NotNullWhen(true)] out Disclosure? disclosure, [NotNullWhen(false)] out SdJwtFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        disclosure = null;
        if (encoded.Length == 0 || !Base64UrlText.TryDecode(encoded, out var json))
        {
            failure = new(SdJwtError.DisclosureMalformed, "a Disclosure is not base64url text");
            return false;
        }

        if (!StrictJson.TryParse(json, maxDepth, out var array, out var problem))
        {
            failure = new(SdJwtError.DisclosureMalformed, $"a Disclosure is not valid JSON: {problem}");
            return false;
        }

        // RFC 9901 §4.2.1, §4.2.2: [salt, name, value] or [salt, value], salt and name JSON strings.
        var length = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : -1;
        if (length is not (2 or 3))
        {
            failure = new(SdJwtError.DisclosureMalformed, "a Disclosure is not a JSON array of 2 or 3 elements");
            return false;
        }

        if (array[0].ValueKind != JsonValueKind.String)
        {
            failure = new(SdJwtError.DisclosureMalformed, "a Disclosure's salt is not a string");
            return false;
        }

        string? name = null;
        if (length == 3)
        {
            if (array[1].ValueKind != JsonValueKind.String)
            {
                failure = new(SdJwtError.DisclosureMalformed, "a Disclosure's claim name is not a string");
                return false;
            }

            name = array[1].GetString()!;
            if (name is SdJwtNames.Digests or SdJwtNames.ArrayElementDigest)
            {
                failure = new(SdJwtError.DisclosedNameReserved, $"a Disclosure names the reserved claim '{name}'");
                return false;
            }
        }

        disclosure = new Disclosure(encoded, array[0].GetString()!, name, array[length - 1]);
        failure = null;
        return true;
    }

    /// <summary>The disclosed value as a new, detached JSON node.</summary>
    public JsonNode? ValueNode() => JsonNode.Parse(Value.GetRawText());

    private static string NewSalt()
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        return Base64UrlText.Encode(salt);
    }

    /// <inheritdoc/>
    public override string ToString() => IsArrayElement ? "Disclosure of an array element" : $"Disclosure of '{Name}'";
}
