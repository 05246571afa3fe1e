using Credentials.Trust;

namespace Credentials.Host;

/// <summary>
/// The signed snapshot file the server publishes, read again when the file changes (its size or time), so a new export
/// is served without a restart. An export replaces the file in one step (Credentials.IO.SharedFile), so no request
/// reads half of one. Thread-safe.
/// </summary>
internal sealed class SnapshotFile
{
    private readonly string path;
    private readonly Lock gate = new();
    private Loaded? current;

    private SnapshotFile(string path, Loaded first)
    {
        this.path = path;
        current = first;
    }

    /// <summary>Checks the file now: it must exist, be readable, within the size limit, and look like a snapshot.</summary>
    public static SnapshotFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ServerStartException($"--snapshot: '{path}' is a folder, not a snapshot file.");
        }

        if (!File.Exists(path))
        {
            throw new ServerStartException($"--snapshot: '{path}' does not exist; write one with 'credentials registry export --signed'.");
        }

        try
        {
            return new SnapshotFile(path, Read(path, new FileInfo(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ServerStartException($"--snapshot: '{path}' {(e is UnauthorizedAccessException ? "cannot be read: no permission" : e is InvalidDataException ? e.Message : "cannot be read")}.", e);
        }
    }

    /// <summary>The snapshot's bytes and ETag: the file as it is now, or as last read when it cannot be read now.</summary>
    public (byte[] Content, string ETag) Get()
    {
        var known = Volatile.Read(ref current)!;
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists || (info.Length == known.Length && info.LastWriteTimeUtc == known.WrittenAt))
            {
                return (known.Content, known.ETag);
            }
        }
        catch (IOException)
        {
            return (known.Content, known.ETag);
        }

        lock (gate)
        {
            try
            {
                Volatile.Write(ref current, Read(path, info));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // Keep serving the last good snapshot: it is signed and carries its own next-update.
            }

            return (current!.Content, current.ETag);
        }
    }

    private static Loaded Read(string path, FileInfo info)
    {
        if (info.Length > TrustSnapshotFormat.MaxSnapshotBytes)
        {
            throw new InvalidDataException($"is {info.Length} bytes, more than the {TrustSnapshotFormat.MaxSnapshotBytes} accepted");
        }

        var content = File.ReadAllBytes(path);
        if (!TrustSnapshotFormat.LooksLikeSnapshot(content))
        {
            throw new InvalidDataException("is not a signed snapshot (a compact JWS written by 'credentials registry export --signed')");
        }

        return new Loaded(content, RegistryView.ETagOf(content), info.Length, info.LastWriteTimeUtc);
    }

    private sealed record Loaded(byte[] Content, string ETag, long Length, DateTime WrittenAt);
}
