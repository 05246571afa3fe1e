using System.Net;
using System.Net.Http.Headers;
using Credentials.Net;

namespace Credentials.Trust.Store.Sync;

/// <summary>
/// The EC resolver's full list, <c>GET {base}/api/v1/issuers</c> (EC ePRC spec, "Resolver"), read with
/// <see cref="ResolverListFormat"/>. Conditional (If-None-Match, If-Modified-Since), and bounded in size and time by
/// <see cref="BoundedDownload"/>: a body longer than the limit is refused as soon as it passes it.
/// </summary>
public sealed class EcResolverSource : IIssuerSource
{
    /// <summary>The list's path below the resolver's base address, as the EC's test resolver serves it.</summary>
    public const string ListPath = "api/v1/issuers";

    /// <summary>
    /// The largest list accepted unless configured (<see cref="ResolverListFormat.MaxDownloadBytes"/>, 64 MiB): the
    /// EESSI list of about 3,400 institutions, with their certificates as PEM, is a few megabytes, so this leaves room
    /// for growth while an endless or hostile answer costs little.
    /// </summary>
    public const long DefaultMaxBytes = ResolverListFormat.MaxDownloadBytes;

    private readonly HttpClient http;
    private readonly Uri address;
    private readonly DownloadLimits limits;

    /// <summary>A source for the resolver at <paramref name="resolver"/> (its base address, or the list's own address).</summary>
    /// <param name="http">The client to send with.</param>
    /// <param name="resolver">The resolver.</param>
    /// <param name="timeout">How long one download may take (default 30 s).</param>
    /// <param name="maxBytes">The largest list accepted (default <see cref="DefaultMaxBytes"/>; at most <see cref="ResolverListFormat.MaxDocumentBytes"/>).</param>
    public EcResolverSource(HttpClient http, Uri resolver, TimeSpan? timeout = null, long? maxBytes = null)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(resolver);
        address = resolver.AbsolutePath.TrimEnd('/').EndsWith("/" + ListPath, StringComparison.Ordinal)
            ? resolver
            : new Uri(new Uri(resolver.ToString().TrimEnd('/') + "/"), ListPath);
        var bytes = maxBytes ?? DefaultMaxBytes;
        if (bytes is <= 0 or > ResolverListFormat.MaxDocumentBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), $"a resolver list's limit is 1 to {ResolverListFormat.MaxDocumentBytes} bytes.");
        }

        limits = new DownloadLimits(bytes, timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>The list's full address: the name the sync state (ETag, Last-Modified) is kept under.</summary>
    public string Name => address.ToString();

    /// <summary>The limits each download keeps to.</summary>
    public DownloadLimits Limits => limits;

    /// <summary>Downloads the list, conditionally on the validators of the last sync (an HTTP 304 gives <see cref="IssuerFetch.NotModified"/>), and reads it. A <see cref="SyncException"/> says what failed and whether it is worth another try (no connection, a timeout, HTTP 5xx or 429 are; a client error, a list over the limit or one that does not read are not).</summary>
    public async Task<IssuerFetch> FetchAsync(string? etag, string? lastModified, CancellationToken cancellation)
    {
        DownloadedBody? download;
        try
        {
            download = await BoundedDownload.GetAsync(http, address, limits, request => MakeConditional(request, etag, lastModified), cancellation).ConfigureAwait(false);
        }
        catch (DownloadException e)
        {
            // Worth another try: no connection, a cut-off answer, a timeout, a server error or "too many requests".
            // Not: a client error (the address is wrong) or a list over the limit (it will be as long next time).
            var transient = e.Problem switch
            {
                DownloadProblem.TooLarge => false,
                DownloadProblem.TimedOut => true,
                _ => e.StatusCode is null or >= 500 or (int)HttpStatusCode.TooManyRequests,
            };
            throw new SyncException(e.Message, transient, e.Problem);
        }

        if (download is null)
        {
            return new IssuerFetch(null, etag, lastModified);
        }

        IReadOnlyList<RegistryIssuer> issuers;
        try
        {
            issuers = ResolverListFormat.Read(download.Body);
        }
        catch (TrustRegistryFormatException e)
        {
            throw new SyncException($"the resolver's list does not read: {e.Message}", transient: false);
        }

        return new IssuerFetch(issuers, download.ETag?.ToString(), download.LastModified?.ToString("R"));
    }

    private static void MakeConditional(HttpRequestMessage request, string? etag, string? lastModified)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }
    }
}
