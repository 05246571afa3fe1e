using System.Diagnostics;
using System.Security.Cryptography;

namespace Credentials.IO;

/// <summary>
/// The exclusive lock on a shared file (<see cref="SharedFile.Lock"/>): while it is held, no other writer that follows
/// the same rule reads or replaces the file. Dispose it to let the next writer in; on Linux that also removes the
/// lock file, so no <c>.lock</c> file is left beside the files written (see <see cref="Dispose"/>).
/// </summary>
public sealed class SharedFileLock : IDisposable
{
    // What .NET reports when another stream holds the lock: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on
    // Windows; on Unix the errno of a refused flock, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;

    private readonly FileStream lockStream;
    private readonly string lockPath;
    private readonly bool deleteOnRelease;

    private SharedFileLock(string path, string lockPath, FileStream lockStream, bool deleteOnRelease)
    {
        Path = path;
        this.lockPath = lockPath;
        this.lockStream = lockStream;
        this.deleteOnRelease = deleteOnRelease;
    }

    /// <summary>The full path of the file this lock guards.</summary>
    public string Path { get; }

    /// <summary>The file's current content, or null when it does not exist yet; refused beyond <paramref name="maxBytes"/>.</summary>
    public byte[]? ReadCurrent(long maxBytes)
    {
        ObjectDisposedException.ThrowIf(!lockStream.CanRead, this);
        var info = new FileInfo(Path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.Length > maxBytes)
        {
            throw new IOException($"'{Path}' is {info.Length} bytes, more than the {maxBytes} accepted.");
        }

        try
        {
            return File.ReadAllBytes(Path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"'{Path}' cannot be read: no permission.", e);
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="content"/>: written to a unique temporary file beside it
    /// (<c>&lt;name&gt;.&lt;random&gt;.tmp</c>), flushed to the disk, then moved over the file in one step. On any
    /// failure the temporary file is removed and the file keeps its previous content.
    /// </summary>
    public void Replace(ReadOnlySpan<byte> content)
    {
        ObjectDisposedException.ThrowIf(!lockStream.CanRead, this);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = System.IO.Path.Combine(folder, $"{System.IO.Path.GetFileName(Path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            if (Directory.Exists(Path))
            {
                throw new IOException($"'{Path}' is a folder, not a file.", e);
            }

            throw new IOException(e is UnauthorizedAccessException ? $"'{Path}' cannot be written: no permission to write in its folder." : $"'{Path}' could not be written: the disk refused the write (full or failing?).", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Releases the lock. Where the lock file's identity can be checked (<see cref="LockFileIdentity"/>), the lock
    /// file is deleted first, while it is still held: only its holder ever deletes it, and a writer that opened it
    /// meanwhile finds, once it holds it, that it is no longer the file at the path, and starts again.
    /// </summary>
    public void Dispose()
    {
        if (deleteOnRelease && lockStream.CanRead)
        {
            TryDelete(lockPath);
        }

        lockStream.Dispose();
    }

    internal static SharedFileLock Acquire(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new IOException($"'{path}' is a folder, not a file.");
        }

        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        var lockPath = fullPath + ".lock";
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the folder of '{path}' cannot be created.", e);
        }

        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (TryOpen(path, lockPath, waited, timeout) is { } stream)
            {
                if (!LockFileIdentity.IsAvailable)
                {
                    return new SharedFileLock(fullPath, lockPath, stream, deleteOnRelease: false);
                }

                // Between opening the file and locking it, its holder may have released it and deleted it: the lock
                // is then on a file that is no longer the lock. Held and still at the path, it is ours until we delete it.
                if (LockFileIdentity.IsAtPath(stream.SafeFileHandle, lockPath))
                {
                    return new SharedFileLock(fullPath, lockPath, stream, deleteOnRelease: true);
                }

                stream.Dispose();
                if (waited.Elapsed < timeout)
                {
                    continue; // at once: the lock was just released
                }

                throw new IOException($"'{path}' could not be locked for writing within {timeout.TotalSeconds:0.#} s: its lock file ('{System.IO.Path.GetFileName(lockPath)}') kept being replaced.");
            }

            if (cancellationToken.WaitHandle.WaitOne(pause))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }
    }

    /// <summary>The lock file opened and locked, or null while another writer holds it (within the timeout).</summary>
    private static FileStream? TryOpen(string path, string lockPath, Stopwatch waited, TimeSpan timeout)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is SharingViolation or LockViolation or WouldBlockLinux or WouldBlockBsd)
        {
            // Another writer holds it: wait, a little longer each time, up to the limit.
            if (waited.Elapsed >= timeout)
            {
                throw new IOException($"'{path}' is being written by another process and its lock ('{System.IO.Path.GetFileName(lockPath)}') was not released within {timeout.TotalSeconds:0.#} s: try again when that process has finished.", e);
            }

            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"'{path}' cannot be locked for writing: no permission to create '{System.IO.Path.GetFileName(lockPath)}' in its folder.", e);
        }
        catch (IOException e)
        {
            throw new IOException(Directory.Exists(lockPath)
                ? $"'{path}' cannot be locked for writing: '{System.IO.Path.GetFileName(lockPath)}' is a folder."
                : $"'{path}' cannot be locked for writing: '{System.IO.Path.GetFileName(lockPath)}' cannot be created in its folder.", e);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the failure that brought us here is what the caller hears about.
        }
    }
}
