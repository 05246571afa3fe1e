using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Host.TrustData;

/// <summary>
/// A signed snapshot or a resolver list in a file, opened again when the file changes (its size or time, looked at
/// most once a second): a new export is trusted without a restart. A new file that does not open (badly signed,
/// older than one accepted, unreadable) leaves the last good version in use. Thread-safe.
/// </summary>
internal sealed class TrustFile
{
    private readonly string path;
    private readonly TrustSourceOptions options;
    private readonly Lock gate = new();
    private Loaded current;
    private long nextCheck;

    /// <summary>Opens the file now; its failures are the trust sources' exceptions.</summary>
    public TrustFile(string path, TrustSourceOptions options)
    {
        this.path = path;
        this.options = options;
        current = Load(new FileInfo(path));
    }

    public RegistryView.Served Get()
    {
        var known = Volatile.Read(ref current);
        if (System.Diagnostics.Stopwatch.GetTimestamp() < Volatile.Read(ref nextCheck))
        {
            return known.Served;
        }

        lock (gate)
        {
            Volatile.Write(ref nextCheck, System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency);
            try
            {
                var info = new FileInfo(path);
                if (info.Exists && (info.Length != current.Length || info.LastWriteTimeUtc != current.WrittenAt))
                {
                    Volatile.Write(ref current, Load(info));
                }
            }
            catch (Exception e) when (e is TrustSourceException or TrustSnapshotException or TrustRegistryFormatException or IOException or UnauthorizedAccessException)
            {
                // Keep the last good version: the staleness monitor reports its age as it grows.
            }

            return current.Served;
        }
    }

    private Loaded Load(FileInfo info) => new(RegistryView.Serve(TrustSources.Open(path, options)), info.Length, info.LastWriteTimeUtc);

    private sealed record Loaded(RegistryView.Served Served, long Length, DateTime WrittenAt);
}
