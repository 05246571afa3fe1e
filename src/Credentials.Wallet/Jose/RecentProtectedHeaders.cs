using System.Diagnostics.CodeAnalysis;

namespace Credentials.Wallet.Jose;

/// <summary>
/// The last few protected headers decoded, by their exact text. An issuer's header (<c>alg</c>, <c>typ</c> and an
/// <c>x5c</c> chain, 2 KB and more) is the same on every credential it signs, and a Key Binding JWT's
/// (<c>{"alg":"ES256","typ":"kb+jwt"}</c>) the same for every holder; one text always decodes to the same members
/// under the same depth bound (strict base64url, strict UTF-8 JSON, RFC 7515 §2), so a header seen again is not
/// decoded and parsed again: its header (immutable) is shared. Only the decoding is kept: every check on the members
/// (<c>crit</c>, the algorithm, the key) runs on every JWS. Thread-safe: entries are immutable and replaced whole.
/// </summary>
internal static class RecentProtectedHeaders
{
    /// <summary>A longer header is decoded every time, so what is kept stays small (at most 8 × 8 KiB characters).</summary>
    public const int MaxLength = 8 * 1024;

    private const int Slots = 8;
    private static readonly Entry?[] Entries = new Entry?[Slots];
    private static int next;

    /// <summary>The header (protected members only) decoded before from exactly <paramref name="encoded"/> under <paramref name="maxDepth"/>, if still kept.</summary>
    public static bool TryGet(ReadOnlySpan<char> encoded, int maxDepth, [NotNullWhen(true)] out JoseHeader? header)
    {
        if (encoded.Length <= MaxLength)
        {
            foreach (var entry in Entries)
            {
                if (entry is not null && entry.MaxDepth == maxDepth && encoded.SequenceEqual(entry.Encoded))
                {
                    header = entry.Header;
                    return true;
                }
            }
        }

        header = null;
        return false;
    }

    /// <summary>Keeps the header <paramref name="encoded"/> decoded to (protected members only, a standalone read-only element), replacing the oldest entry.</summary>
    public static void Remember(ReadOnlySpan<char> encoded, int maxDepth, JoseHeader header)
    {
        if (encoded.Length <= MaxLength)
        {
            var slot = (int)((uint)Interlocked.Increment(ref next) % Slots);
            Entries[slot] = new Entry(encoded.ToString(), maxDepth, header);
        }
    }

    private sealed record Entry(string Encoded, int MaxDepth, JoseHeader Header);
}
