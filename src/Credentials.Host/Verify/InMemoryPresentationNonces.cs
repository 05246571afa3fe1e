using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Credentials.Host.Verify;

/// <summary>
/// The presentation nonces of one host process: 128 random bits each, held until used or expired, at most
/// <c>capacity</c> at once (past it the oldest go first, so a flood of page loads costs memory bounded by the
/// capacity and only ever invalidates the oldest unused nonces). Thread-safe.
/// </summary>
internal sealed class InMemoryPresentationNonces : IPresentationNonces
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly int capacity;

    public InMemoryPresentationNonces(TimeProvider time, TimeSpan lifetime, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        Lifetime = lifetime;
        this.capacity = capacity;
    }

    public TimeSpan Lifetime { get; }

    public (string Nonce, DateTimeOffset ExpiresAt) Issue()
    {
        var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var expiresAt = time.GetUtcNow() + Lifetime;
        expiries[nonce] = expiresAt;
        if (expiries.Count > capacity)
        {
            Trim();
        }

        return (nonce, expiresAt);
    }

    public bool TryConsume(string nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);

        // Removed before it is judged: a nonce is used up by its first presentation, whether that one holds or not.
        return expiries.TryRemove(nonce, out var expiresAt) && time.GetUtcNow() < expiresAt;
    }

    private void Trim()
    {
        var now = time.GetUtcNow();
        foreach (var (nonce, expiresAt) in expiries)
        {
            if (now >= expiresAt)
            {
                expiries.TryRemove(nonce, out _);
            }
        }

        // Every nonce lives equally long, so the soonest to expire is the oldest given.
        foreach (var (nonce, _) in expiries.OrderBy(e => e.Value).Take(Math.Max(0, expiries.Count - capacity)).ToList())
        {
            expiries.TryRemove(nonce, out _);
        }
    }
}
