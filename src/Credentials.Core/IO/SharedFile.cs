namespace Credentials.IO;

/// <summary>
/// Writes a file that several processes may write at once (a revocation list, a status list, the trust state, a
/// batch's output): every writer takes an exclusive lock on <c>&lt;path&gt;.lock</c>, reads and changes the file under
/// it, and replaces the file through a unique temporary file in the same folder, so a reader sees the old content or
/// the new, never half of one, and no writer's change is lost to another's.
/// </summary>
/// <remarks>
/// The lock is a <see cref="FileStream"/> opened with <see cref="FileShare.None"/>: on Windows a share-mode lock, on
/// Linux and macOS an advisory <c>flock</c> that every .NET process honours. On Linux the lock file is deleted when the
/// lock is released, by its holder and while it still holds it; a writer that opened the old file meanwhile and then
/// locks it checks that the file it locked is still the one at the path (same inode and device, <c>statx(2)</c>) and
/// otherwise starts again, so two writers never hold "the" lock on two different files. Where that check is not
/// available (Windows, macOS) the lock file is left in place, as deleting it would allow exactly that.
/// A writer stopped while it holds the lock (killed, a power cut) leaves the lock file; the next writer takes it over.
/// </remarks>
public static class SharedFile
{
    /// <summary>How long a writer waits for another to finish before it gives up, unless told otherwise.</summary>
    public static TimeSpan DefaultLockTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The lock file that guards <paramref name="path"/>.</summary>
    public static string LockPathFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetFullPath(path) + ".lock";
    }

    /// <summary>
    /// Takes the exclusive lock on <paramref name="path"/>, waiting at most <paramref name="timeout"/> (default
    /// <see cref="DefaultLockTimeout"/>) for another writer. Throws an <see cref="IOException"/> naming the file when
    /// the wait times out, or when the path is a folder or its folder cannot be written.
    /// </summary>
    public static SharedFileLock Lock(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        SharedFileLock.Acquire(path, timeout ?? DefaultLockTimeout, cancellationToken);

    /// <summary>Replaces the whole file under the lock (see <see cref="SharedFileLock.Replace"/>).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, TimeSpan? timeout = null)
    {
        using var held = Lock(path, timeout);
        held.Replace(content);
    }

    /// <summary>
    /// Read-modify-write under the lock: <paramref name="update"/> gets the current content (null when the file does
    /// not exist yet, refused beyond <paramref name="maxBytes"/>) and returns the new content, which replaces the file.
    /// Returns the new content.
    /// </summary>
    public static byte[] Update(string path, Func<byte[]?, byte[]> update, long maxBytes, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var held = Lock(path, timeout);
        var next = update(held.ReadCurrent(maxBytes));
        held.Replace(next);
        return next;
    }
}
