using System.Security.Claims;
using Credentials.Host.Accounts;
using Credentials.Issuance;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Storage.Issuance;
using Credentials.WireFormat;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Issuing;

/// <summary>
/// Issues one document from a request in the CLI's shape (<c>prc{…}</c>, <c>ehic{…}</c> or <c>isi{…}</c>, optional
/// <c>jti</c>): every rule checked (each problem with its field), the caller allowed for the document's institution,
/// signed with that institution's current key, recorded once in the issuer database (the same <c>jti</c> again with
/// the same request gives the same document back, never a second signature), audited. The host revokes through its
/// own list, so the document's <c>rid</c> is always the host's list of that institution.
/// </summary>
internal sealed class DocumentIssuing(IssuingStore store, InstitutionSigners signers, IssuingAddresses addresses, TimeProvider time)
{
    /// <summary>The largest request accepted, in bytes.</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>Issues for a signed-in caller: allowed when <see cref="InstitutionClaims.Allows"/> the document's institution.</summary>
    public IssueOutcome Issue(ReadOnlyMemory<byte> requestJson, ClaimsPrincipal user, Uri publicBase) =>
        Issue(requestJson, institution => InstitutionClaims.Allows(user, institution), Actor(user), publicBase);

    /// <summary>Issues for <paramref name="actor"/>, allowed for the institutions <paramref name="allows"/> says (a batch job keeps its submitter's); <paramref name="publicBase"/> is the host's address the <c>rid</c> is on.</summary>
    public IssueOutcome Issue(ReadOnlyMemory<byte> requestJson, Func<InstitutionId, bool> allows, string actor, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(allows);
        if (requestJson.Length > MaxRequestBytes)
        {
            return IssueOutcome.Refused(StatusCodes.Status413PayloadTooLarge, "too-large", $"a request is at most {MaxRequestBytes / 1024} KiB.");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).DateTime);
        var read = QrPayloadReader.Read(requestJson, PayloadReadMode.Request, today);
        if (!read.Succeeded)
        {
            return Invalid(read.Findings);
        }

        var requested = read.Payload!;
        var institution = requested.Document.Institution.Id;
        if (!allows(institution))
        {
            return IssueOutcome.Refused(StatusCodes.Status403Forbidden, "institution-not-allowed", $"you may not issue for {institution}.");
        }

        if (signers.Current(institution) is not { } signer)
        {
            return IssueOutcome.Refused(StatusCodes.Status409Conflict, "no-signing-key", $"this host has no signing key valid now for {institution}.");
        }

        var id = requested.TokenId ?? Guid.NewGuid().ToString();
        var payload = new QrTokenPayload(requested.Document, id, addresses.RevocationList(publicBase, institution));
        if (store.Find(id) is { } delivered)
        {
            // The same request sent again (a retry) gets the same document; another one under this jti is refused.
            return delivered.Institution == institution && store.Documents.FindDocument(id) is { } recorded && SamePayload(recorded.Payload, payload)
                ? IssueOutcome.Done(delivered)
                : IssueOutcome.Refused(StatusCodes.Status409Conflict, "jti-taken", "another document was issued under this jti: a document is issued once, and a new one needs a new jti.");
        }

        var result = new QrTokenIssuer(signer, time).Issue(payload);
        if (result.Document is not { } issued)
        {
            return Invalid([.. read.Findings, .. result.Findings]);
        }

        try
        {
            store.Documents.RecordDocument(payload);
        }
        catch (IssuerStateException)
        {
            return IssueOutcome.Refused(StatusCodes.Status409Conflict, "jti-taken", "another document is recorded under this jti: a document is issued once, and a new one needs a new jti.");
        }

        if (store.RecordDelivered(id, institution, payload.SchemaId, DocumentNumber(payload), issued.QrText))
        {
            store.Audit(actor, institution.ToString(), "issue", id);
        }

        return IssueOutcome.Done(store.Find(id)!, StatusCodes.Status201Created);
    }

    /// <summary>Who the caller is, for the audit trail: the signed-in name (an API key's or a person's), never a document's content.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name is { Length: > 0 } name ? name : "unnamed";
    }

    /// <summary>The document's number as its wallet credential carries it: the card number, else the <c>jti</c>.</summary>
    public static string DocumentNumber(QrTokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Document.Match(prc => prc.CardNumber ?? payload.TokenId!, ehic => ehic.CardNumber, _ => payload.TokenId!);
    }

    private static bool SamePayload(QrTokenPayload recorded, QrTokenPayload requested) =>
        QrPayloadWriter.Write(recorded).AsSpan().SequenceEqual(QrPayloadWriter.Write(requested));

    private static IssueOutcome Invalid(IEnumerable<Finding> findings)
    {
        var problems = findings.Where(f => f.IsBlocking).Select(IssueProblem.Of).ToList();
        return new IssueOutcome(null, StatusCodes.Status422UnprocessableEntity, "invalid-request", problems.Count == 1 ? "the request has 1 problem." : $"the request has {problems.Count} problems.", problems);
    }
}
