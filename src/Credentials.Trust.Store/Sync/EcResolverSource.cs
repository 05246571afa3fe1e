using System.Net;
using System.Net.Http.Headers;

namespace Credentials.Trust.Store.Sync;

/// <summary>
/// The EC resolver's full list, <c>GET {base}/api/v1/issuers</c> (EC ePRC spec, "Resolver"), read with
/// <see cref="ResolverListFormat"/>. Conditional (If-None-Match, If-Modified-Since), bounded in size and time.
/// </summary>
public sealed class EcResolverSource : IIssuerSource
{
    public const string ListPath = "api/v1/issuers";

    private readonly HttpClient http;
    private readonly Uri address;
    private readonly TimeSpan timeout;

    public EcResolverSource(HttpClient http, Uri resolver, TimeSpan? timeout = null)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(resolver);
        address = resolver.AbsolutePath.TrimEnd('/').EndsWith("/" + ListPath, StringComparison.Ordinal)
            ? resolver
            : new Uri(new Uri(resolver.ToString().TrimEnd('/') + "/"), ListPath);
        this.timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public string Name => address.ToString();

    public async Task<IssuerFetch> FetchAsync(string? etag, string? lastModified, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new IssuerFetch(null, etag, lastModified);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SyncException($"the resolver answered HTTP {(int)response.StatusCode}.", transient: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
            }

            if (response.Content.Headers.ContentLength > ResolverListFormat.MaxDocumentBytes)
            {
                throw new SyncException($"the resolver's list is {response.Content.Headers.ContentLength} bytes, more than the {ResolverListFormat.MaxDocumentBytes} accepted.", transient: false);
            }

            // Read the whole body before parsing: a connection cut short must not import half a list.
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } expected && body.Length != expected)
            {
                throw new SyncException($"the download was cut short ({body.Length} of {expected} bytes).", transient: true);
            }

            IReadOnlyList<RegistryIssuer> issuers;
            try
            {
                issuers = ResolverListFormat.Read(new MemoryStream(body, writable: false));
            }
            catch (TrustRegistryFormatException e)
            {
                throw new SyncException($"the resolver's list does not read: {e.Message}", transient: false);
            }

            return new IssuerFetch(issuers, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new SyncException($"the resolver did not answer within {timeout.TotalSeconds:0} s.", transient: true);
        }
        catch (HttpRequestException e)
        {
            throw new SyncException($"the resolver could not be reached: {e.Message}", transient: true);
        }
        catch (IOException e)
        {
            throw new SyncException($"the download failed: {e.Message}", transient: true);
        }
    }
}
