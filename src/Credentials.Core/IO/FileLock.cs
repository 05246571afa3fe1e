namespace Credentials.IO;

/// <summary>
/// An exclusive lock on a file shared by several processes: a companion <c>&lt;file&gt;.lock</c> opened with no
/// sharing (which the operating system enforces across processes), held until disposed. A second holder waits, up
/// to a timeout, then fails with a message naming the file.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock for <paramref name="path"/>, waiting at most <paramref name="timeout"/>.</summary>
    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lockPath = Path.GetFullPath(path) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var deadline = DateTime.UtcNow + timeout;
        var wait = 5;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 100);
            }
            catch (IOException)
            {
                throw new IOException($"'{path}' is in use by another process (its lock stayed taken for {timeout.TotalSeconds:0} s); try again when it has finished.");
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
