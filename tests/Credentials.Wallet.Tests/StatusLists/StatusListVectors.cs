using System.Security.Cryptography;
using System.Text.Json;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>The draft's published examples (specs/vectors/status-list, whose README names their source and commit).</summary>
internal static class StatusListVectors
{
    public static JsonElement Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Repository.Vectors("status-list", file)));
        return document.RootElement.Clone();
    }

    /// <summary>The P-256 key (kid 12) that signs the draft's Status List Tokens: public part only.</summary>
    public static ECDsa ExampleKey() => FromJwk(Read("example-key.json").GetProperty("public_jwk"));

    /// <summary>The same key with its private part, which the draft publishes: a test key, never to be trusted.</summary>
    public static ECDsa ExamplePrivateKey() => FromJwk(Read("example-key.json").GetProperty("private_jwk"));

    public static ECDsa FromJwk(JsonElement jwk)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64Url(jwk.GetProperty("x").GetString()!),
                Y = Base64Url(jwk.GetProperty("y").GetString()!),
            },
            D = jwk.TryGetProperty("d", out var d) ? Base64Url(d.GetString()!) : null,
        };
        return ECDsa.Create(parameters);
    }

    public static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    /// <summary>Every index → status the vector states as non-zero.</summary>
    public static Dictionary<long, byte> NonZeroStatuses(JsonElement vector) =>
        vector.GetProperty("expected_nonzero_statuses").EnumerateObject().ToDictionary(p => long.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetByte());
}
