using System.Security.Cryptography;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// The Status Issuer (draft-ietf-oauth-status-list-21 §3): gives each credential a random entry in its institution's
/// lists, changes statuses under the rules (revocation is final; only a suspended credential is reinstated), and
/// signs the lists for publication. State lives in an <see cref="IStatusListStore"/>; this class holds none, so one
/// instance serves every thread.
/// </summary>
public sealed class StatusListIssuer
{
    /// <summary>The longest credential id accepted (a <c>jti</c> is far shorter).</summary>
    public const int MaxCredentialIdLength = 256;

    private readonly IStatusListStore store;
    private readonly StatusListIssuerOptions options;
    private readonly TimeProvider time;
    private readonly StatusListShape shape;

    /// <summary>An issuer over <paramref name="store"/>, with the lists' shape, address and lifetimes from <paramref name="options"/>.</summary>
    public StatusListIssuer(IStatusListStore store, StatusListIssuerOptions options, TimeProvider time)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        options.Validate();
        shape = new StatusListShape(options.Bits, options.EntriesPerList);
    }

    /// <summary>
    /// Gives a credential its entry: the <c>status.status_list</c> <c>{idx, uri}</c> to put in it. The index is drawn
    /// at random (CSPRNG) among the free ones, so neither it nor its neighbours tell when the credential was issued
    /// (§12.4, §12.5: "choose non-sequential, pseudo-random or random indices"), and it is never handed out again (§13.3).
    /// </summary>
    public StatusListEntry Allocate(InstitutionId institution, string credentialId)
    {
        CheckCredentialId(credentialId);
        return store.Allocate(new StatusListAllocationRequest(
            institution,
            credentialId,
            shape,
            number => new Uri(options.BaseAddress, $"{institution.Country.Code}-{institution.LocalId}/{number}"),
            RandomNumberGenerator.GetInt32,
            time.GetUtcNow()));
    }

    /// <summary>Revokes the credential (§7.1 INVALID), for good. False when it was revoked already.</summary>
    public bool Revoke(InstitutionId institution, string credentialId) =>
        Change(institution, credentialId, StatusTypes.Invalid, current => current switch
        {
            StatusTypes.Valid or StatusTypes.Suspended or StatusTypes.Invalid => null,
            _ => "its status value is not one this issuer sets.",
        });

    /// <summary>Suspends the credential (§7.1 SUSPENDED). False when it was suspended already; refused when it is revoked or its list has 1 bit.</summary>
    public bool Suspend(InstitutionId institution, string credentialId) =>
        Change(institution, credentialId, StatusTypes.Suspended, current => current switch
        {
            StatusTypes.Valid or StatusTypes.Suspended => null,
            StatusTypes.Invalid => "the credential is revoked, and revocation is final.",
            _ => "its status value is not one this issuer sets.",
        });

    /// <summary>Makes a suspended credential valid again (true); refused when it is not suspended (a revoked one stays revoked).</summary>
    public bool Reinstate(InstitutionId institution, string credentialId) =>
        Change(institution, credentialId, StatusTypes.Valid, current => current switch
        {
            StatusTypes.Suspended => null,
            StatusTypes.Invalid => "the credential is revoked, and revocation is final.",
            StatusTypes.Valid => "the credential is not suspended; only a suspended credential can be reinstated.",
            _ => "its status value is not one this issuer sets.",
        });

    /// <summary>
    /// The lists to publish now: never published, changed since their last publication, or within
    /// <see cref="StatusListIssuerOptions.RepublishBefore"/> of that publication's <c>exp</c>. The host calls this on a
    /// schedule and <see cref="Publish"/>es each.
    /// </summary>
    public IReadOnlyList<Uri> DueForPublication()
    {
        var now = time.GetUtcNow();
        return store.Lists()
            .Where(list => list.PublishedVersion is not { } published || published < list.Version || list.PublishedExpiresAt - options.RepublishBefore <= now)
            .Select(list => list.List)
            .ToList();
    }

    /// <summary>
    /// Signs the list's current state as a Status List Token in both forms (§5.1 JWT, §5.2 CWT) with <c>iat</c> now,
    /// <c>exp</c> and <c>ttl</c> from the options, records it as the list's latest publication, and returns it. The
    /// signer's certificate must be one the trust registry links to the list's institution, or verifiers will not trust it.
    /// </summary>
    public StatusListPublication Publish(Uri list, ICertificateSigner signer)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(signer);
        var content = store.Read(list) ?? throw new StatusListIssuanceException("there is no status list at that address.");
        var statuses = new StatusList(content.Record.Shape.Bits, content.Record.Shape.Capacity);
        foreach (var (index, status) in content.Statuses)
        {
            statuses.Set(index, status);
        }

        // RFC 7519 §2: NumericDate is whole seconds here, so iat and exp are what the token will say.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var token = new StatusListToken(content.Record.List, issuedAt, statuses)
        {
            ExpiresAt = issuedAt + options.Lifetime,
            TimeToLive = options.TimeToLive,
        };
        var publication = new StatusListPublication(
            content.Record.List,
            content.Record.Version,
            issuedAt,
            token.ExpiresAt!.Value,
            StatusListTokenFormat.SignJwt(token, signer),
            StatusListTokenFormat.SignCwt(token, signer));
        store.RecordPublication(publication);
        return publication;
    }

    /// <summary>The latest publication of a list, as the host serves it; null when it was never published.</summary>
    public StatusListPublication? LatestPublication(Uri list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return store.LatestPublication(list);
    }

    private bool Change(InstitutionId institution, string credentialId, byte target, Func<byte, string?> refusal)
    {
        CheckCredentialId(credentialId);
        var changed = false;
        var found = store.ChangeStatus(institution, credentialId, entry =>
        {
            if (refusal(entry.Status) is { } reason)
            {
                throw new StatusListIssuanceException($"refused to {Verb(target)} the credential: {reason}");
            }

            if (target > (1 << entry.Bits) - 1)
            {
                throw new StatusListIssuanceException($"refused to {Verb(target)} the credential: its status list has {entry.Bits} bit per entry, which cannot say suspended.");
            }

            changed = entry.Status != target;
            return target;
        }, time.GetUtcNow());

        return found ? changed : throw new StatusListIssuanceException($"refused to {Verb(target)} the credential: it has no entry on this issuer's status lists.");
    }

    private static string Verb(byte target) => target switch
    {
        StatusTypes.Invalid => "revoke",
        StatusTypes.Suspended => "suspend",
        _ => "reinstate",
    };

    private static void CheckCredentialId(string credentialId)
    {
        if (string.IsNullOrWhiteSpace(credentialId) || credentialId.Length > MaxCredentialIdLength)
        {
            throw new ArgumentException($"a credential id is 1 to {MaxCredentialIdLength} characters, not blank.", nameof(credentialId));
        }
    }
}
