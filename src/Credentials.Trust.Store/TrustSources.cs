using Credentials.Net;
using Credentials.Trust;

namespace Credentials.Trust.Store;

/// <summary>
/// Trust data from wherever it is, by one call: a registry database (this project's SQLite file or a PostgreSQL
/// connection string, see <see cref="RegistryStore.Open"/>; a registry knows its last sync), a signed snapshot (verified before it is read, refused when older than one accepted before, its age
/// and next update taken from what it signed), or a resolver-shaped JSON list (whose age is unknown unless the
/// caller states it) — from a file, or downloaded from an http(s) address within bounds.
/// </summary>
public static class TrustSources
{
    /// <summary>Opens the trust data in a file; see the class summary. Throws <see cref="TrustSourceException"/> (and the formats' own exceptions) with a one-line reason.</summary>
    public static TrustRegistry Open(string path, TrustSourceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if (Credentials.Database.DatabaseLocation.IsPostgreSqlLocation(path))
        {
            RefuseOptionsOfOtherKinds(options, "a registry database", snapshot: false);
            using var shared = RegistryStore.Open(path);
            return shared.Load();
        }

        if (Directory.Exists(path))
        {
            throw new TrustSourceException($"the registry '{path}' is a folder; give a registry database, a signed snapshot or a resolver list file.");
        }

        if (!File.Exists(path))
        {
            throw new TrustSourceException($"the registry '{path}' does not exist.");
        }

        if (RegistryStore.IsDatabaseFile(path))
        {
            RefuseOptionsOfOtherKinds(options, "a registry database", snapshot: false);
            using var store = RegistryStore.Open(path);
            return store.Load();
        }

        var length = new FileInfo(path).Length;
        if (length > ResolverListFormat.MaxDocumentBytes)
        {
            throw new TrustSourceException($"the registry '{path}' is {length} bytes, more than the {ResolverListFormat.MaxDocumentBytes} accepted.");
        }

        return FromBytes(File.ReadAllBytes(path), options, null);
    }

    /// <summary>Opens trust data at a path or an http(s) address (a snapshot or a resolver list; a download's age is the moment it was fetched).</summary>
    public static async Task<TrustRegistry> OpenAsync(string location, TrustSourceOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (!Uri.TryCreate(location, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            return Open(location, options);
        }

        var http = options.Http ?? throw new TrustSourceException($"the registry {BoundedDownload.Describe(address)} is an address, and no HTTP client is configured.");
        DownloadedBody? body;
        try
        {
            body = await BoundedDownload.GetAsync(http, address, options.Download, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DownloadException e)
        {
            throw new TrustSourceException($"the registry could not be downloaded: {e.Message}", e);
        }

        return FromBytes(body?.Body ?? [], options, time.GetUtcNow());
    }

    private static TrustRegistry FromBytes(byte[] bytes, TrustSourceOptions options, DateTimeOffset? downloadedAt)
    {
        var start = bytes.AsSpan().TrimStart(" \t\r\n"u8);
        if (TrustSnapshotFormat.LooksLikeSnapshot(start))
        {
            if (options.ListFetchedAt is not null)
            {
                throw new TrustSourceException("the registry is a signed snapshot, which states its own age: leave out the list's fetch time (--trust-as-of).");
            }

            var certificate = options.OperatorCertificate ?? throw new TrustSourceException("the registry is a signed snapshot: give the registry operator's certificate (--operator-cert).");
            var state = options.State ?? throw new TrustSourceException("a signed snapshot needs a trust state, where the highest snapshot accepted is kept (rollback protection).");
            return TrustSnapshotFormat.Open(bytes, certificate, state).Registry;
        }

        RefuseOptionsOfOtherKinds(options, "a resolver list", snapshot: false, listAllowsAge: true);
        return new TrustRegistry(ResolverListFormat.Read(bytes), options.ListFetchedAt ?? downloadedAt);
    }

    private static void RefuseOptionsOfOtherKinds(TrustSourceOptions options, string kind, bool snapshot, bool listAllowsAge = false)
    {
        if (!snapshot && options.OperatorCertificate is not null)
        {
            throw new TrustSourceException($"the registry is {kind}, not a signed snapshot: the operator's certificate (--operator-cert) is only for snapshots.");
        }

        if (!listAllowsAge && options.ListFetchedAt is not null)
        {
            throw new TrustSourceException($"the registry is {kind}, which knows its own age: leave out the list's fetch time (--trust-as-of).");
        }
    }
}
