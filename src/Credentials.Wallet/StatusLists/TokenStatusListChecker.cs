using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Model;
using Credentials.Net;
using Credentials.Status;
using Credentials.Trust;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// Checks a wallet credential's <c>status.status_list</c> (draft-ietf-oauth-status-list-21 §8.3): fetches the Status
/// List Token at its <c>uri</c>, verifies it was signed by a certificate the trust registry links to the credential's
/// authentic source, requires <c>sub</c> to be that <c>uri</c> and the token not expired, and reads the entry at
/// <c>idx</c>. Lists are cached for their <c>ttl</c> within the configured bounds, never past their <c>exp</c>; checks
/// of one list made at once share one download. A list that cannot be had or trusted is
/// <see cref="CredentialStatus.Unknown"/> with its cause: never revoked, never valid. Thread-safe.
/// </summary>
public sealed class TokenStatusListChecker : IStatusChecker
{
    private readonly HttpClient http;
    private readonly ITrustRegistry registry;
    private readonly TimeProvider time;
    private readonly TokenStatusListCheckerOptions options;
    private readonly DownloadLimits limits;
    private readonly ConcurrentDictionary<string, CachedList> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Fetched>>> inFlight = new(StringComparer.Ordinal);

    /// <summary>A checker that downloads with <paramref name="http"/> and trusts the signers <paramref name="registry"/> links to institutions.</summary>
    public TokenStatusListChecker(HttpClient http, ITrustRegistry registry, TimeProvider time, TokenStatusListCheckerOptions? options = null)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new TokenStatusListCheckerOptions();
        limits = new DownloadLimits(this.options.MaxTokenBytes, this.options.Timeout);
    }

    /// <inheritdoc/>
    public bool CanCheck(StatusReference reference) => reference is StatusListEntry;

    /// <inheritdoc/>
    public async ValueTask<StatusCheck> CheckAsync(StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference is not StatusListEntry entry)
        {
            return StatusCheck.Unknown(StatusUnknownCause.NoSource, "status not checked: this is not a token status list reference.");
        }

        var fetched = await GetListAsync(entry.List, authenticSource, cancellationToken).ConfigureAwait(false);
        if (fetched.List is not { } cached)
        {
            return StatusCheck.Unknown(fetched.Cause, fetched.Reason);
        }

        return Check(cached, entry, authenticSource);
    }

    private StatusCheck Check(CachedList cached, StatusListEntry entry, InstitutionId authenticSource)
    {
        var token = cached.Token;
        var now = time.GetUtcNow();

        // §11.3: the Status Issuer's key is tied to the credential's issuer by the trust framework; ours is the
        // registry, which pins the signing certificate by its SHA-256, so the key the signature was checked with at
        // download (the x5c leaf's) is the key of the certificate the registry holds. Asked per check: one list may
        // serve credentials of several institutions, and it is trusted only for those it is linked to.
        var resolution = registry.Resolve(cached.Signer, authenticSource);
        if (resolution.Outcome != KeyResolutionOutcome.Resolved)
        {
            return cached.From(Unknown(StatusUnknownCause.BadlySigned, resolution.Outcome switch
            {
                KeyResolutionOutcome.KeyUnknown => "its signer's certificate is not in the trust registry",
                KeyResolutionOutcome.NotLinkedToAuthenticSource => $"its signer's certificate is linked to other institutions, not to {authenticSource}",
                _ => $"the trust registry lists its signer's certificate for {authenticSource} more than once",
            }));
        }

        if (!resolution.Certificate!.IsValidOn(DateOnly.FromDateTime(token.IssuedAt.UtcDateTime)))
        {
            return cached.From(Unknown(StatusUnknownCause.BadlySigned, $"its signer's certificate ({resolution.Certificate.ValidityText}) was not valid when the list was issued"));
        }

        // §8.3 step 4c: "If the expiration time is defined, it MUST be checked if the Status List Token is expired";
        // RFC 7519 §4.1.5: nor is it accepted before its nbf.
        if (token.ExpiresAt is { } exp && now >= exp)
        {
            return cached.From(Unknown(StatusUnknownCause.Stale, $"the list expired at {exp.UtcDateTime:yyyy-MM-dd HH:mm} UTC and no newer one was had"));
        }

        if (token.NotBefore is { } nbf && now < nbf)
        {
            return cached.From(Unknown(StatusUnknownCause.Stale, $"the list is not valid before {nbf.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        }

        // §8.3 step 6: "If the provided index is out of bounds of the Status List, no statement about the status …
        // can be made and the Referenced Token MUST be rejected": unknown here, and the verifier's policy rejects.
        if (entry.Index >= token.List.Count)
        {
            return cached.From(Unknown(StatusUnknownCause.IndexOutOfRange, $"the credential's index lies outside the list ({token.List.Count} entries)"));
        }

        // §7.1: 0x00 VALID, 0x01 INVALID, 0x02 SUSPENDED; 0x03 and 0x0C-0x0F are application specific, the rest
        // reserved: neither may be read as valid or revoked.
        return token.List.Get(entry.Index) switch
        {
            StatusTypes.Valid => cached.Valid,
            StatusTypes.Invalid => cached.Revoked,
            StatusTypes.Suspended => cached.Suspended,
            var value => cached.From(StatusCheck.Unknown(StatusUnknownCause.UnsupportedValue, $"status unknown: {IssuedText(token)} gives the status value 0x{value:X2}, which this verifier gives no meaning.")),
        };
    }

    private static string IssuedText(StatusListToken token) => $"the status list of {token.IssuedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    /// <summary>The cached list while it is fresh; else one download shared by every check that asks meanwhile.</summary>
    private async Task<Fetched> GetListAsync(Uri address, InstitutionId authenticSource, CancellationToken cancellationToken)
    {
        var key = address.OriginalString;
        if (cache.TryGetValue(key, out var cached) && time.GetUtcNow() < cached.FreshUntil)
        {
            return new Fetched(cached, default, string.Empty);
        }

        Lazy<Task<Fetched>> mine = null!;
        mine = new Lazy<Task<Fetched>>(() => FetchAsync(address, authenticSource, key, mine));
        var shared = inFlight.GetOrAdd(key, mine);

        // The download runs on its own timeout, not the caller's token: one caller giving up must not fail the others.
        return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Fetched> FetchAsync(Uri address, InstitutionId authenticSource, string key, Lazy<Task<Fetched>> self)
    {
        try
        {
            var fetched = await DownloadAndVerifyAsync(address, authenticSource).ConfigureAwait(false);
            if (fetched.List is { } list)
            {
                cache[key] = list;
            }
            else
            {
                // A list that can no longer be had is not served from the cache after its time.
                cache.TryRemove(key, out _);
            }

            return fetched;
        }
        finally
        {
            inFlight.TryRemove(KeyValuePair.Create(key, self));
        }
    }

    private async Task<Fetched> DownloadAndVerifyAsync(Uri address, InstitutionId authenticSource)
    {
        DownloadedBody? body;
        try
        {
            // §8.1: "Accept: application/statuslist+jwt"; the body is read within its byte and time bounds.
            body = await BoundedDownload.GetAsync(http, address, limits, request => request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListTokenFormat.JwtMediaType)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (DownloadException e)
        {
            return Failed(e.Problem == DownloadProblem.TooLarge ? StatusUnknownCause.TooLarge : StatusUnknownCause.Unreachable, $"the list could not be downloaded: {e.Message}");
        }

        if (body is null)
        {
            return Failed(StatusUnknownCause.Unreachable, "the list could not be downloaded: the server answered 304 Not Modified to a request that was not conditional.");
        }

        try
        {
            var envelope = SignedStatusListToken.Parse(body.Body);
            if (envelope.CertificateChain.Count == 0)
            {
                // Our trust registry knows signers by their certificates: a token without one cannot be tied to an institution.
                return Failed(StatusUnknownCause.BadlySigned, "the list carries no certificate (x5c / x5chain), so its signer cannot be found in the trust registry.");
            }

            // A signer the registry does not know at all (for any institution) is refused before its list is inflated
            // or cached, so lists from strangers cost no memory. Whether it is linked to the credential's institution
            // is asked at every check (see Check).
            var signer = KeyReference.FromChain(envelope.CertificateChain);
            if (registry.Resolve(signer, authenticSource).Outcome == KeyResolutionOutcome.KeyUnknown)
            {
                return Failed(StatusUnknownCause.BadlySigned, "its signer's certificate is not in the trust registry.");
            }

            using var key = PublicKey(envelope.CertificateChain[0]);
            var token = envelope.Verify(key, options.MaxDecompressedBytes);

            // §8.3 step 4a: "The subject claim … MUST be equal to the uri claim in the status_list object of the
            // Referenced Token": compared as strings (RFC 3986 §6.2.1), so no normalisation can make two addresses one.
            if (!string.Equals(token.Subject.OriginalString, address.OriginalString, StringComparison.Ordinal))
            {
                return Failed(StatusUnknownCause.SubjectMismatch, $"the list's sub names another address than the credential's uri ({BoundedDownload.Describe(address)}).");
            }

            var fetchedAt = time.GetUtcNow();
            if (token.ExpiresAt is { } exp && fetchedAt >= exp)
            {
                return Failed(StatusUnknownCause.Stale, $"the list served expired at {exp.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
            }

            return new Fetched(new CachedList(token, signer, fetchedAt, FreshUntil(token, fetchedAt)), default, string.Empty);
        }
        catch (StatusListFormatException e)
        {
            return Failed(e.Cause, e.Message);
        }
    }

    /// <summary>
    /// §8.3 step 4d and §13.7: fetch again when "time status was resolved + ttl &lt; current time"; without a ttl, by
    /// the configured maximum; the ttl held within the configured bounds (§11.5); and never past <c>exp</c>, after
    /// which the list "MUST NOT be relied upon".
    /// </summary>
    private DateTimeOffset FreshUntil(StatusListToken token, DateTimeOffset fetchedAt)
    {
        var age = token.TimeToLive ?? options.MaxCacheAge;
        age = age < options.MinCacheAge ? options.MinCacheAge : age > options.MaxCacheAge ? options.MaxCacheAge : age;
        var until = fetchedAt + age;
        return token.ExpiresAt is { } exp && exp < until ? exp : until;
    }

    private static AsymmetricAlgorithm PublicKey(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey() ?? certificate.GetRSAPublicKey()
        ?? throw new StatusListFormatException(StatusUnknownCause.BadlySigned, "the list's signing certificate holds neither an EC nor an RSA key.");

    private static StatusCheck Unknown(StatusUnknownCause cause, string why) => StatusCheck.Unknown(cause, $"status unknown: {why}.");

    private static Fetched Failed(StatusUnknownCause cause, string reason) => new(null, cause, $"status unknown: {reason}");

    /// <summary>
    /// A verified list, its signer as the registry is asked about it (the leaf's digest taken once), how long it may
    /// be used without asking again, and the three answers it gives (immutable, so made once per download).
    /// </summary>
    private sealed record CachedList(StatusListToken Token, KeyReference Signer, DateTimeOffset FetchedAt, DateTimeOffset FreshUntil)
    {
        public StatusCheck Valid { get; } = StatusCheck.Valid($"valid on {IssuedText(Token)}.") with { ListIssuedAt = Token.IssuedAt, ListFetchedAt = FetchedAt };

        public StatusCheck Revoked { get; } = StatusCheck.Revoked($"revoked on {IssuedText(Token)}.") with { ListIssuedAt = Token.IssuedAt, ListFetchedAt = FetchedAt };

        public StatusCheck Suspended { get; } = StatusCheck.Suspended($"suspended on {IssuedText(Token)}.") with { ListIssuedAt = Token.IssuedAt, ListFetchedAt = FetchedAt };

        /// <summary>A check's answer with the list it was read from.</summary>
        public StatusCheck From(StatusCheck check) => check with { ListIssuedAt = Token.IssuedAt, ListFetchedAt = FetchedAt };
    }

    /// <summary>A download's outcome: the verified list, or why there is none.</summary>
    private sealed record Fetched(CachedList? List, StatusUnknownCause Cause, string Reason);
}
