using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Host;

/// <summary>
/// The registry as served: loaded from the database, its full list rendered once with an ETag, and loaded again only
/// when another program (an import, a sync) has committed a change since, which it asks the database at most once per
/// <see cref="CheckInterval"/> (SQLite's change counter, no query of the data). A request reads one immutable
/// <see cref="Served"/> object, swapped in whole, so it never sees half of one version and half of the next.
/// Thread-safe.
/// </summary>
internal sealed class RegistryView : IDisposable
{
    private readonly Lock gate = new();
    private readonly RegistryStore store;
    private readonly long checkTicks;
    private Served? current;
    private long loadedVersion;
    private long nextCheck;

    /// <summary>Opens the database now, so a server with an unusable registry does not start.</summary>
    public RegistryView(string databasePath, TimeSpan checkInterval)
    {
        store = RegistryStore.Open(databasePath);
        CheckInterval = checkInterval;
        checkTicks = (long)(checkInterval.TotalSeconds * Stopwatch.Frequency);
        lock (gate)
        {
            Reload();
        }
    }

    /// <summary>How often, at most, a request asks the database whether it changed.</summary>
    public TimeSpan CheckInterval { get; }

    /// <summary>The registry to answer with.</summary>
    public Served Get()
    {
        var served = Volatile.Read(ref current)!;
        if (Stopwatch.GetTimestamp() < Volatile.Read(ref nextCheck))
        {
            return served;
        }

        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= nextCheck)
            {
                if (store.DataVersion() != loadedVersion)
                {
                    Reload();
                }

                Volatile.Write(ref nextCheck, now + checkTicks);
            }

            return current!;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            store.Dispose();
        }
    }

    public static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";

    /// <summary>Loads the registry and publishes it; called under the gate.</summary>
    private void Reload()
    {
        // Read the counter first: a change committed while loading makes the next check load again.
        loadedVersion = store.DataVersion();
        var registry = store.Load();
        var list = Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(registry.Issuers));
        Volatile.Write(ref current, new Served(registry, list, ETagOf(list)));
    }

    /// <summary>One version of the registry, with its full list rendered and the list's ETag.</summary>
    public sealed record Served(TrustRegistry Registry, byte[] List, string ETag);
}
