using System.Collections.Concurrent;
using System.Text.Json;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Holder keys already read from <c>cnf.jwk</c>, by their public members. Importing an EC public key makes OpenSSL
/// check the point (a scalar multiplication, costlier than a signature check), so a holder who presents again is
/// not imported again. Bounded: when full it starts afresh. Keys are never disposed while another thread may use them.
/// </summary>
internal sealed class HolderKeyCache
{
    private const int Capacity = 1024;
    private readonly ConcurrentDictionary<string, PublicJwk> keys = new(StringComparer.Ordinal);

    public PublicJwk Get(JsonElement jwk)
    {
        // The identity of a public JWK is its key type and key material (RFC 7638 §3.2 members); with a private
        // member or anything malformed it never reaches the cache, because it fails to parse below.
        var id = Identity(jwk);
        if (id is not null && keys.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (!PublicJwk.TryParse(jwk, out var key, out var problem))
        {
            throw new SdJwtException(SdJwtError.HolderKeyInvalid, $"'cnf.jwk' is not usable: {problem}");
        }

        if (id is not null)
        {
            if (keys.Count >= Capacity)
            {
                keys.Clear();
            }

            keys.TryAdd(id, key);
        }

        return key;
    }

    private static string? Identity(JsonElement jwk)
    {
        foreach (var privateMember in (string[])["d", "p", "q", "dp", "dq", "qi", "oth", "k"])
        {
            if (jwk.TryGetProperty(privateMember, out _))
            {
                return null;
            }
        }

        return String(jwk, "kty") switch
        {
            "EC" => $"EC.{String(jwk, "crv")}.{String(jwk, "x")}.{String(jwk, "y")}",
            "RSA" => $"RSA.{String(jwk, "n")}.{String(jwk, "e")}",
            _ => null,
        };
    }

    private static string? String(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
