using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Credentials.Host.Publishing;

/// <summary>
/// A folder of signed lists to serve: <c>a/b</c> names the file <c>a/b</c> or <c>a/b</c> with one of the
/// extensions asked for. Names are checked before any file is touched (segments of letters, digits, '.', '-' and
/// '_', none starting with '.'), so no request can leave the folder. A file is read again only when its size or time
/// changes, and never past the size limit. A list file is replaced in one step by its writer (SharedFile), so no
/// request sees half of one. Thread-safe.
/// </summary>
internal sealed class PublishedFolder(string root, long maxBytes)
{
    private readonly string root = Path.GetFullPath(root);
    private readonly ConcurrentDictionary<string, (long Length, DateTime WrittenAt, PublishedFile File)> cache = new(StringComparer.Ordinal);

    /// <summary>The folder served.</summary>
    public string Root => root;

    /// <summary>The file for a request path, trying each extension in order; null when there is none (or the name is not one).</summary>
    public async Task<PublishedFile?> FindAsync(string name, IReadOnlyList<string> extensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(extensions);
        if (!IsName(name))
        {
            return null;
        }

        foreach (var extension in extensions)
        {
            var path = Path.GetFullPath(Path.Combine(root, name + extension));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return null;
            }

            var info = new FileInfo(path);
            if (!info.Exists || info.Length > maxBytes)
            {
                continue;
            }

            if (cache.TryGetValue(path, out var known) && known.Length == info.Length && known.WrittenAt == info.LastWriteTimeUtc)
            {
                return known.File;
            }

            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (content.Length > maxBytes)
            {
                continue;
            }

            var file = new PublishedFile(content, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"", new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), extension);
            cache[path] = (info.Length, info.LastWriteTimeUtc, file);
            return file;
        }

        return null;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 512
        && name.Split('/').All(segment => segment.Length > 0 && segment[0] != '.' && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
}
