using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Credentials.LoadClient;

/// <summary>Where a flow's time goes: each step's latency (the HTTP round trip), for the median and p99 per step.</summary>
internal static class Steps
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<double>> Samples = new();

    public static void Record(string name, ref long since)
    {
        var now = Stopwatch.GetTimestamp();
        Samples.GetOrAdd(name, _ => []).Add(Stopwatch.GetElapsedTime(since, now).TotalMilliseconds);
        since = now;
    }

    /// <summary>Forgets the samples so far (the warm-up's).</summary>
    public static void Clear() => Samples.Clear();

    public static void Print()
    {
        foreach (var name in new[] { "offer", "token", "nonce", "proof", "credential" })
        {
            if (Samples.TryGetValue(name, out var bag))
            {
                var sorted = bag.Order().ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-10} p50 {sorted[sorted.Length / 2]:F1} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F1} ms"));
            }
        }
    }
}
