using System.Collections.Concurrent;
using System.Security.Cryptography;
using Credentials.Verification;

namespace Credentials.Host.Verify;

/// <summary>
/// Results of the verify page, held in memory for a short time under a random id, so that the page can offer the
/// export downloads and the language switch without the QR text (personal data) ever travelling in a URL or coming
/// back from the browser. An id is 128 random bits; it expires after the configured lifetime, and when more results
/// are held than allowed the oldest go first. Thread-safe.
/// </summary>
internal sealed class HeldResults(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly ConcurrentDictionary<string, Held> entries = new(StringComparer.Ordinal);

    /// <summary>Holds the reports and returns their id.</summary>
    public string Hold(IReadOnlyList<VerificationReport> reports) => Hold(reports, null);

    /// <summary>Holds a wallet presentation's report and returns its id.</summary>
    public string HoldPresentation(VerificationRecord presentation) => Hold(null, presentation);

    /// <summary>The presentation's report held under <paramref name="id"/>, or null when there is none.</summary>
    public VerificationRecord? FindPresentation(string? id) => FindHeld(id)?.Presentation;

    /// <summary>The reports held under <paramref name="id"/>, or null when there are none (never held, or expired).</summary>
    public IReadOnlyList<VerificationReport>? Find(string? id) => FindHeld(id)?.Reports;

    private string Hold(IReadOnlyList<VerificationReport>? reports, VerificationRecord? presentation)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        entries[id] = new Held(reports, presentation, now, now + lifetime);
        if (entries.Count > capacity)
        {
            Trim(now);
        }

        return id;
    }

    private Held? FindHeld(string? id)
    {
        if (id is null || !entries.TryGetValue(id, out var held))
        {
            return null;
        }

        if (time.GetUtcNow() >= held.ExpiresAt)
        {
            entries.TryRemove(id, out _);
            return null;
        }

        return held;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (id, held) in entries)
        {
            if (now >= held.ExpiresAt)
            {
                entries.TryRemove(id, out _);
            }
        }

        foreach (var (id, _) in entries.OrderBy(e => e.Value.HeldAt).Take(Math.Max(0, entries.Count - capacity)).ToList())
        {
            entries.TryRemove(id, out _);
        }
    }

    private sealed record Held(IReadOnlyList<VerificationReport>? Reports, VerificationRecord? Presentation, DateTimeOffset HeldAt, DateTimeOffset ExpiresAt);
}
