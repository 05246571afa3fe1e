using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Credentials.Model;
using Credentials.Net;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Revocation;

/// <summary>
/// Step 6 for the QR token (EC ePRC spec §5): fetches the list at a document's <c>rid</c> over HTTP(S) within bounds,
/// checks its signature against the trust registry (its signer must be linked to the document's authentic source)
/// before reading it, keeps it for at most 24 hours (in memory and, when configured, in a folder, where it is checked
/// again when read back), and looks the <c>jti</c> up. A list that cannot be had, is past its next update, or is
/// badly signed makes the status unknown, saying which: never "revoked", never "valid". Thread-safe.
/// </summary>
public sealed class RevocationListChecker : IStatusChecker
{
    private readonly HttpClient? http;
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly RevocationCheckerOptions options;
    private readonly ConcurrentDictionary<Uri, CachedList> cache = new();
    private readonly ConcurrentDictionary<(Uri List, InstitutionId Source), DateTimeOffset> folderMisses = new();

    /// <summary>
    /// How long a list the folder had nothing usable for is not looked for there again. Offline, every verification
    /// of such a document would otherwise hash its address and probe the folder (or read and verify a file that will
    /// not do); a list this checker writes ends the wait at once, one another program writes is seen after it.
    /// </summary>
    internal static readonly TimeSpan FolderMissLifetime = TimeSpan.FromSeconds(10);

    /// <summary>The most folder misses remembered; past it they are forgotten together (the addresses come from signed documents, but are unbounded).</summary>
    private const int MaxFolderMisses = 1024;

    /// <summary>A checker that downloads with <paramref name="http"/> (null: offline, cache only).</summary>
    public RevocationListChecker(HttpClient? http, ITrustRegistry registry, TimeProvider time, RevocationCheckerOptions? options = null)
    {
        this.http = http;
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new RevocationCheckerOptions();
        if (http is null && !this.options.Offline)
        {
            throw new ArgumentException("a checker without an HTTP client works offline: set Offline.", nameof(http));
        }
    }

    /// <inheritdoc/>
    public bool CanCheck(StatusReference reference) => reference is RevocationListEntry;

    /// <inheritdoc/>
    public async ValueTask<StatusCheck> CheckAsync(StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default)
    {
        if (reference is not RevocationListEntry entry)
        {
            return StatusCheck.Unknown(StatusUnknownCause.NoSource, RevocationMessages.NotListReference());
        }

        var now = time.GetUtcNow();
        var list = Fresh(cache.GetValueOrDefault(entry.List), now) ?? FromFolder(entry.List, authenticSource, now);
        if (list is null)
        {
            if (options.Offline)
            {
                return StatusCheck.Unknown(StatusUnknownCause.NotChecked, RevocationMessages.OfflineNoList(BoundedDownload.Describe(entry.List), options.MaxCacheAge.TotalHours));
            }

            var fetched = await FetchAsync(entry.List, authenticSource, now, cancellationToken).ConfigureAwait(false);
            if (fetched.Problem is { } problem)
            {
                return problem;
            }

            list = fetched.List!;
            cache[entry.List] = list;
            WriteToFolder(entry.List, list);
            folderMisses.TryRemove((entry.List, authenticSource), out _);
        }

        var current = list.List;
        if (current.Issuer != authenticSource)
        {
            return StatusCheck.Unknown(StatusUnknownCause.BadlySigned, RevocationMessages.WrongIssuer(current.Issuer, authenticSource));
        }

        if (now > current.NextUpdate)
        {
            return StatusCheck.Unknown(StatusUnknownCause.Stale, RevocationMessages.Stale(current.NextUpdate));
        }

        var age = RevocationMessages.Ago(now - list.FetchedAt);
        var result = current.IsRevoked(entry.TokenId)
            ? StatusCheck.Revoked(RevocationMessages.Revoked(current.Revoked[entry.TokenId], current.IssuedAt, age))
            : StatusCheck.Valid(RevocationMessages.NotRevoked(current.Issuer, current.IssuedAt, age));
        return result with { ListIssuedAt = current.IssuedAt, ListFetchedAt = list.FetchedAt };
    }

    private CachedList? Fresh(CachedList? list, DateTimeOffset now) =>
        list is not null && now - list.FetchedAt <= options.MaxCacheAge && now >= list.FetchedAt && now <= list.List.NextUpdate ? list : null;

    private async Task<(CachedList? List, StatusCheck? Problem)> FetchAsync(Uri address, InstitutionId authenticSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var body = await BoundedDownload.GetAsync(http!, address, options.Download, request => request.Headers.Accept.ParseAdd("application/jwt"), cancellationToken).ConfigureAwait(false);
            text = RevocationListFormat.Decode(body?.Body ?? []);
        }
        catch (DownloadException e)
        {
            var cause = e.Problem == DownloadProblem.TooLarge ? StatusUnknownCause.TooLarge : StatusUnknownCause.Unreachable;
            return (null, StatusCheck.Unknown(cause, RevocationMessages.Unreachable(e.Text)));
        }
        catch (RevocationListException e)
        {
            return (null, StatusCheck.Unknown(StatusUnknownCause.Malformed, RevocationMessages.Unusable(e.Text)));
        }

        try
        {
            return (new CachedList(RevocationListFormat.Verify(text, registry, authenticSource), now, text), null);
        }
        catch (RevocationListException e)
        {
            return e.Problem == RevocationListProblem.BadlySigned
                ? (null, StatusCheck.Unknown(StatusUnknownCause.BadlySigned, RevocationMessages.BadlySigned(e.Text)))
                : (null, StatusCheck.Unknown(StatusUnknownCause.Malformed, RevocationMessages.Unusable(e.Text)));
        }
    }

    /// <summary>A fresh list kept in the folder, unless the folder had none for this list and source a moment ago.</summary>
    private CachedList? FromFolder(Uri address, InstitutionId authenticSource, DateTimeOffset now)
    {
        if (options.CacheFolder is null)
        {
            return null;
        }

        var key = (address, authenticSource);
        if (folderMisses.TryGetValue(key, out var missedAt) && now >= missedAt && now - missedAt < FolderMissLifetime)
        {
            return null;
        }

        var list = Fresh(ReadFromFolder(address, authenticSource), now);
        if (list is not null)
        {
            folderMisses.TryRemove(key, out _);
            return list;
        }

        if (folderMisses.Count >= MaxFolderMisses)
        {
            folderMisses.Clear();
        }

        folderMisses[key] = now;
        return null;
    }

    /// <summary>A list kept in the folder, checked again as if it had just been downloaded; null when there is none or it does not verify.</summary>
    private CachedList? ReadFromFolder(Uri address, InstitutionId authenticSource)
    {
        if (FolderFile(address) is not { } file || !File.Exists(file))
        {
            return null;
        }

        try
        {
            var lines = File.ReadAllText(file).Split('\n', 2);
            if (lines.Length != 2 || !WireFormat.IsoInstant.TryParse(lines[0], out var fetchedAt))
            {
                return null;
            }

            var list = new CachedList(RevocationListFormat.Verify(lines[1], registry, authenticSource), fetchedAt, lines[1]);
            cache[address] = list;
            return list;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RevocationListException)
        {
            return null;
        }
    }

    private void WriteToFolder(Uri address, CachedList list)
    {
        if (FolderFile(address) is not { } file)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            IO.SharedFile.Write(file, System.Text.Encoding.UTF8.GetBytes(WireFormat.IsoInstant.Format(list.FetchedAt) + "\n" + list.Text), TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a folder that cannot be written costs a download next time, nothing else.
        }
    }

    /// <summary>One file per list address, named by the address's SHA-256 (addresses may hold any character).</summary>
    private string? FolderFile(Uri address) =>
        options.CacheFolder is { } folder ? Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.AbsoluteUri))) + ".jwt") : null;

    private sealed record CachedList(RevocationList List, DateTimeOffset FetchedAt, string Text);
}
