using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.WireFormat;

namespace Credentials.Wallet.Jose;

/// <summary>
/// A public key as a JWK (RFC 7517): EC P-256 (RFC 7518 §6.2) or RSA (§6.3). Reading refuses private members, so a
/// holder key in <c>cnf.jwk</c> (RFC 7800 §3.2) can never carry its private half, and refuses keys that do not fit
/// ES256 or RS256. The key object belongs to this instance.
/// </summary>
public sealed class PublicJwk : IDisposable
{
    /// <summary>RFC 7518 §6.2.1.2, §6.2.1.3: P-256 coordinates are 32 bytes each.</summary>
    private const int P256CoordinateLength = 32;

    // RFC 7518 §6.2.2 (EC), §6.3.2 (RSA), §6.4.1 (oct): members that only a private or symmetric key has.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private readonly JsonObject publicMembers;

    private PublicJwk(AsymmetricAlgorithm key, JwsAlgorithm algorithm, JsonObject publicMembers)
    {
        Key = key;
        Algorithm = algorithm;
        this.publicMembers = publicMembers;
    }

    /// <summary>The public key (<see cref="ECDsa"/> or <see cref="RSA"/>).</summary>
    public AsymmetricAlgorithm Key { get; }

    /// <summary>The one algorithm this key verifies: ES256 for EC P-256, RS256 for RSA.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>Reads a public JWK, or says in one line why it is not one we use.</summary>
    public static bool TryParse(JsonElement jwk, [NotNullWhen(true)] out PublicJwk? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            problem = "the JWK is not a JSON object";
            return false;
        }

        foreach (var name in PrivateMembers)
        {
            if (jwk.TryGetProperty(name, out _))
            {
                problem = $"the JWK has the private member '{name}': only a public key may be given";
                return false;
            }
        }

        return String(jwk, "kty") switch
        {
            "EC" => TryParseEc(jwk, out key, out problem),
            "RSA" => TryParseRsa(jwk, out key, out problem),
            _ => Fail(out key, out problem, "the JWK's 'kty' is neither \"EC\" nor \"RSA\""),
        };
    }

    /// <summary>The JWK of the public half of <paramref name="key"/> (a copy of the key is imported and owned).</summary>
    public static PublicJwk FromKey(AsymmetricAlgorithm key)
    {
        var json = ToJson(key);
        return TryParse(JsonElement.Parse(json.ToJsonString()), out var jwk, out var problem)
            ? jwk
            : throw new ArgumentException($"the key has no usable JWK: {problem}.", nameof(key));
    }

    /// <summary>The public members as a new JSON object: <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c> (EC) or <c>kty</c>, <c>n</c>, <c>e</c> (RSA).</summary>
    public JsonObject ToJson() => (JsonObject)publicMembers.DeepClone();

    /// <summary>Writes the public half of <paramref name="key"/> as a JWK: <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c> for EC P-256, <c>kty</c>, <c>n</c>, <c>e</c> for RSA.</summary>
    public static JsonObject ToJson(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (key)
        {
            case ECDsa ec when ec.ExportParameters(false) is { Curve.IsNamed: true } ecParameters && IsP256(ecParameters.Curve):
                var point = ecParameters.Q;
                return new JsonObject
                {
                    ["kty"] = "EC",
                    ["crv"] = "P-256",
                    ["x"] = Base64UrlText.Encode(point.X),
                    ["y"] = Base64UrlText.Encode(point.Y),
                };
            case RSA rsa:
                var parameters = rsa.ExportParameters(false);
                return new JsonObject
                {
                    ["kty"] = "RSA",
                    ["n"] = Base64UrlText.Encode(parameters.Modulus),
                    ["e"] = Base64UrlText.Encode(parameters.Exponent),
                };
            default:
                throw new ArgumentException("only EC P-256 and RSA keys have a JWK here.", nameof(key));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Key.Dispose();

    // One export tells the curve and the point; JwsAlgorithms.IsP256 would export a second time.
    private static bool IsP256(ECCurve curve) => curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256";

    private static bool TryParseEc(JsonElement jwk, [NotNullWhen(true)] out PublicJwk? key, [NotNullWhen(false)] out string? problem)
    {
        if (String(jwk, "crv") != "P-256")
        {
            return Fail(out key, out problem, "the EC JWK's 'crv' is not \"P-256\"");
        }

        if (!TryCoordinate(jwk, "x", out var x) || !TryCoordinate(jwk, "y", out var y))
        {
            return Fail(out key, out problem, $"the EC JWK's 'x' and 'y' must be base64url of {P256CoordinateLength} bytes each");
        }

        var ec = ECDsa.Create();
        try
        {
            // The import checks that the point is on the curve.
            ec.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            ec.Dispose();
            return Fail(out key, out problem, "the EC JWK's point is not on P-256");
        }

        JwsKeys.RememberP256(ec);
        key = new PublicJwk(ec, JwsAlgorithm.ES256, new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlText.Encode(x), ["y"] = Base64UrlText.Encode(y) });
        problem = null;
        return true;
    }

    private static bool TryParseRsa(JsonElement jwk, [NotNullWhen(true)] out PublicJwk? key, [NotNullWhen(false)] out string? problem)
    {
        if (String(jwk, "n") is not { } n || String(jwk, "e") is not { } e
            || !Base64UrlText.TryDecode(n, out var modulus) || !Base64UrlText.TryDecode(e, out var exponent)
            || modulus.Length == 0 || exponent.Length == 0)
        {
            return Fail(out key, out problem, "the RSA JWK's 'n' and 'e' must be base64url");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            return Fail(out key, out problem, "the RSA JWK is not a valid public key");
        }

        if (rsa.KeySize < JwsAlgorithms.MinimumRsaKeySize)
        {
            rsa.Dispose();
            return Fail(out key, out problem, $"the RSA JWK has {modulus.Length * 8} bits; at least {JwsAlgorithms.MinimumRsaKeySize} are needed");
        }

        key = new PublicJwk(rsa, JwsAlgorithm.RS256, new JsonObject { ["kty"] = "RSA", ["n"] = Base64UrlText.Encode(modulus), ["e"] = Base64UrlText.Encode(exponent) });
        problem = null;
        return true;
    }

    private static bool TryCoordinate(JsonElement jwk, string name, [NotNullWhen(true)] out byte[]? value)
    {
        value = null;
        return String(jwk, name) is { } text && Base64UrlText.TryDecode(text, out value) && value.Length == P256CoordinateLength;
    }

    private static string? String(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Fail(out PublicJwk? key, out string problem, string reason)
    {
        key = null;
        problem = reason;
        return false;
    }
}
