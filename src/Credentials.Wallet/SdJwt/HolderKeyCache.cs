using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Holder keys already read from <c>cnf.jwk</c>, by the JWK's exact JSON text. Importing an EC public key makes
/// OpenSSL check the point (a scalar multiplication, costlier than a signature check), so a holder who presents again
/// is not imported again. One text always reads as the same key, and a text that does not read as a public key (a
/// private member, a point off the curve) is never kept, so it is refused every time. Bounded: when full it starts
/// afresh. Keys are never disposed while another thread may use them.
/// </summary>
internal sealed class HolderKeyCache
{
    private const int Capacity = 1024;

    // A P-256 JWK is about 130 characters, an RSA-4096 one about 750: looked up without a string up to this length.
    private const int MaxStackText = 1024;

    private readonly ConcurrentDictionary<string, PublicJwk> keys = new(StringComparer.Ordinal);

    public PublicJwk Get(JsonElement jwk)
    {
        // The element's text as it stands in the claims (a valid UTF-8 JSON object: the claims were parsed strictly).
        var raw = JsonMarshal.GetRawUtf8Value(jwk);
        if (raw.Length <= MaxStackText)
        {
            Span<char> text = stackalloc char[raw.Length];
            text = text[..Encoding.UTF8.GetChars(raw, text)];
            if (keys.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var cached))
            {
                return cached;
            }
        }

        var id = Encoding.UTF8.GetString(raw);
        if (keys.TryGetValue(id, out var found))
        {
            return found;
        }

        // RFC 7800 §3.2 and RFC 7517: a public JWK; private members are refused.
        if (!PublicJwk.TryParse(jwk, out var key, out var problem))
        {
            throw new SdJwtException(SdJwtError.HolderKeyInvalid, $"'cnf.jwk' is not usable: {problem}");
        }

        if (keys.Count >= Capacity)
        {
            keys.Clear();
        }

        return keys.GetOrAdd(id, key);
    }
}
