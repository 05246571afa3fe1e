using System.Net;
using System.Net.Http.Headers;

namespace Credentials.Net;

/// <summary>A body read within its limits, with the response's validators for conditional requests and caching.</summary>
/// <param name="Body">The bytes.</param>
/// <param name="ContentType">The media type, when the server named one.</param>
/// <param name="ETag">The entity tag, when the server gave one.</param>
/// <param name="LastModified">The Last-Modified date, when the server gave one.</param>
/// <param name="MaxAge">The Cache-Control max-age, when the server gave one.</param>
public sealed record DownloadedBody(byte[] Body, string? ContentType, EntityTagHeaderValue? ETag, DateTimeOffset? LastModified, TimeSpan? MaxAge);

/// <summary>
/// Downloads over HTTP(S) with a byte and time bound: the body is streamed and refused as soon as it passes the
/// bound (an endless body costs at most the bound in memory), and a Content-Length over the bound is refused
/// before the body is read. Used for every download of untrusted data: resolver lists, snapshots, revocation
/// lists, status lists.
/// </summary>
public static class BoundedDownload
{
    private const int ChunkSize = 16 * 1024;
    private const int MaxSegmentSize = 1024 * 1024;

    /// <summary>
    /// GETs <paramref name="address"/>. Answers null for 304 Not Modified when <paramref name="configure"/> made the
    /// request conditional. Throws <see cref="DownloadException"/> for every failure; cancellation by
    /// <paramref name="cancellationToken"/> is an <see cref="OperationCanceledException"/>, as usual.
    /// </summary>
    public static async Task<DownloadedBody?> GetAsync(HttpClient http, Uri address, DownloadLimits limits, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        var where = Describe(address);
        if (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
        {
            throw new DownloadException(DownloadProblem.Unreachable, DownloadMessages.NotHttp(where, address.Scheme));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            configure?.Invoke(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadException(DownloadProblem.Unreachable, DownloadMessages.Status(where, (int)response.StatusCode, response.ReasonPhrase), (int)response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is { } length && length > limits.MaxBytes)
            {
                throw new DownloadException(DownloadProblem.TooLarge, DownloadMessages.AnnouncesTooMuch(where, length, limits.MaxBytes));
            }

            var body = await ReadBoundedAsync(response.Content, where, limits, response.Content.Headers.ContentLength, timeout.Token).ConfigureAwait(false);
            return new DownloadedBody(
                body,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.ETag,
                response.Content.Headers.LastModified,
                response.Headers.CacheControl?.MaxAge);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadException(DownloadProblem.TimedOut, DownloadMessages.Timeout(where, limits.Timeout), innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException(DownloadProblem.Unreachable, DownloadMessages.RequestFailed(where, e.HttpRequestError), innerException: e);
        }
        catch (IOException e)
        {
            throw new DownloadException(DownloadProblem.Unreachable, DownloadMessages.Broken(where), innerException: e);
        }
    }

    /// <summary>The address for messages: scheme, host, port and path, never the query (it may carry a token).</summary>
    public static string Describe(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsAbsoluteUri ? address.GetLeftPart(UriPartial.Path) : "(a relative address)";
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, string where, DownloadLimits limits, long? announced, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Memory stays within the limit: a body of announced length (already checked against it) is read into one
            // array of that length.
            if (announced is { } length && length <= Array.MaxLength)
            {
                var exact = new byte[length];
                var filled = await stream.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled < exact.Length)
                {
                    throw new DownloadException(DownloadProblem.Unreachable, DownloadMessages.RequestFailed(where, HttpRequestError.ResponseEnded));
                }

                return exact;
            }

            // Unknown length: segments that grow to 1 MiB each, joined once at the end. An endless body is refused
            // having cost the limit plus one segment; a doubling buffer would leave twice the limit in garbage.
            var segments = new List<byte[]>();
            var segment = new byte[ChunkSize];
            var used = 0;
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(segment.AsMemory(used), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                used += read;
                if (total > limits.MaxBytes)
                {
                    throw new DownloadException(DownloadProblem.TooLarge, DownloadMessages.BodyTooLong(where, limits.MaxBytes));
                }

                if (used == segment.Length)
                {
                    segments.Add(segment);
                    segment = new byte[Math.Min(segment.Length * 2, MaxSegmentSize)];
                    used = 0;
                }
            }

            var body = new byte[total];
            var at = 0;
            foreach (var full in segments)
            {
                full.CopyTo(body, at);
                at += full.Length;
            }

            segment.AsSpan(0, used).CopyTo(body.AsSpan(at));
            return body;
        }
    }
}
