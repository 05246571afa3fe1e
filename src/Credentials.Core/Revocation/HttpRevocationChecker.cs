using System.Collections.Concurrent;
using System.Net;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Revocation;

/// <summary>Settings of <see cref="HttpRevocationChecker"/>.</summary>
public sealed record RevocationCheckerOptions
{
    /// <summary>EC ePRC spec §5, "Offline": revocation lists are cached for at most 24 hours.</summary>
    public TimeSpan MaxCacheAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long one download may take before the list counts as unreachable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Step 6 (EC ePRC spec §5): fetches the list at a document's <c>rid</c> over HTTP(S), checks that the trust
/// registry links its signer to the document's authentic source, caches it for at most 24 hours, and looks the
/// <c>jti</c> up. A list that cannot be had, is past its next update, or is badly signed makes the check N/A,
/// saying which: never "revoked", never "checked". Thread-safe.
/// </summary>
public sealed class HttpRevocationChecker : IRevocationChecker
{
    private readonly HttpClient http;
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly RevocationCheckerOptions options;
    private readonly ConcurrentDictionary<Uri, (RevocationList List, DateTimeOffset FetchedAt)> cache = new();

    public HttpRevocationChecker(HttpClient http, ITrustRegistry registry, TimeProvider time, RevocationCheckerOptions? options = null)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new RevocationCheckerOptions();
    }

    public RevocationCheck Check(string tokenId, Uri revocationList, InstitutionId authenticSource)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        ArgumentNullException.ThrowIfNull(revocationList);
        var now = time.GetUtcNow();
        if (!cache.TryGetValue(revocationList, out var cached) || now - cached.FetchedAt > options.MaxCacheAge || now > cached.List.NextUpdate)
        {
            if (revocationList.Scheme != Uri.UriSchemeHttps && revocationList.Scheme != Uri.UriSchemeHttp)
            {
                return Unavailable($"revocation list unreachable: '{revocationList.Scheme}' is not an HTTP address.");
            }

            string text;
            try
            {
                text = Download(revocationList);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
                return Unavailable($"revocation list unreachable at {revocationList.GetLeftPart(UriPartial.Path)}: {Describe(e)}");
            }
            catch (RevocationListException e)
            {
                return Unavailable($"revocation list unusable: {e.Message}");
            }

            RevocationList list;
            try
            {
                list = RevocationListFormat.Verify(text, registry);
            }
            catch (RevocationListException e)
            {
                return Unavailable(e.Problem == RevocationListProblem.BadlySigned ? $"revocation list badly signed: {e.Message}" : $"revocation list unusable: {e.Message}");
            }

            cached = (list, now);
            cache[revocationList] = cached;
        }

        var current = cached.List;
        if (current.Issuer != authenticSource)
        {
            return Unavailable($"revocation list badly signed: it is issued by {current.Issuer}, not by the document's authentic source {authenticSource}.");
        }

        if (now > current.NextUpdate)
        {
            return Unavailable($"revocation list stale: its next update was due {current.NextUpdate.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }

        return current.IsRevoked(tokenId)
            ? new RevocationCheck(RevocationStatus.Revoked, $"the document was revoked on {current.Revoked[tokenId].UtcDateTime:yyyy-MM-dd} (list of {current.IssuedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC).")
            : new RevocationCheck(RevocationStatus.NotRevoked, $"not on the revocation list of {current.Issuer} issued {current.IssuedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
    }

    private string Download(Uri address)
    {
        using var timeout = new CancellationTokenSource(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        }

        if (response.Content.Headers.ContentLength > RevocationListFormat.MaxListBytes)
        {
            throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list is {response.Content.Headers.ContentLength} bytes, more than the {RevocationListFormat.MaxListBytes} accepted.");
        }

        using var body = response.Content.ReadAsStream(timeout.Token);
        using var bounded = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            bounded.Write(buffer, 0, read);
            if (bounded.Length > RevocationListFormat.MaxListBytes)
            {
                throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list is more than {RevocationListFormat.MaxListBytes} bytes.");
            }
        }

        return RevocationListFormat.Decode(bounded.GetBuffer().AsSpan(0, (int)bounded.Length));
    }

    private static string Describe(Exception e) => e switch
    {
        TaskCanceledException or OperationCanceledException => "no answer in time",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        _ => e.Message,
    };

    private static RevocationCheck Unavailable(string reason) => new(RevocationStatus.Unavailable, reason);
}
