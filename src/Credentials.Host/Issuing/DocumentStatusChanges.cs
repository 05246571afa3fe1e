using System.Security.Claims;
using Credentials.Host.Accounts;
using Credentials.Storage.Issuance;
using Credentials.Wallet.StatusLists;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Issuing;

/// <summary>
/// Revokes, suspends and reinstates a delivered document in every channel: its <c>jti</c> on (or off) its
/// institution's revocation list, re-signed at once, and the status bit of every wallet credential minted from it
/// (<see cref="DocumentChannels"/>, <see cref="StatusListIssuer"/>), the changed status lists re-signed at once.
/// A document of an institution the caller may not act for is not found: its existence is not revealed. Audited.
/// </summary>
internal sealed class DocumentStatusChanges(IssuingStore store, IStatusListStore statusLists, RevocationPublisher revocation, StatusListPublisher statusPublisher, TimeProvider time)
{
    /// <summary>Applies <paramref name="action"/> to the document <paramref name="id"/> for <paramref name="user"/>.</summary>
    public IssueOutcome Change(string id, StatusAction action, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (store.Find(id) is not { } document || !InstitutionClaims.Allows(user, document.Institution))
        {
            return IssueOutcome.Refused(StatusCodes.Status404NotFound, "no-document", "there is no document with this id among those you may see.");
        }

        var refusal = (action, document.State) switch
        {
            (StatusAction.Revoke, DocumentState.Revoked) => null, // revoking twice changes nothing
            (_, DocumentState.Revoked) => "the document is revoked, and revocation is final.",
            (StatusAction.Reinstate, DocumentState.Valid) => "the document is not suspended; only a suspended document can be reinstated.",
            _ => null,
        };
        if (refusal is not null)
        {
            return IssueOutcome.Refused(StatusCodes.Status409Conflict, "state-conflict", refusal);
        }

        if ((action, document.State) is (StatusAction.Revoke, DocumentState.Revoked) or (StatusAction.Suspend, DocumentState.Suspended))
        {
            return IssueOutcome.Done(document);
        }

        var channels = new DocumentChannels(store.Documents, statusLists, time);
        switch (action)
        {
            case StatusAction.Revoke:
                channels.RevokeWalletCredentials(id);
                break;
            case StatusAction.Suspend:
                store.SetSuspended(id, suspended: true);
                ChangeWalletCredentials(id, document, suspend: true);
                break;
            case StatusAction.Reinstate:
                store.SetSuspended(id, suspended: false);
                ChangeWalletCredentials(id, document, suspend: false);
                break;
        }

        revocation.Publish(document.Institution);
        statusPublisher.PublishDue();
        store.Audit(DocumentIssuing.Actor(user), document.Institution.ToString(), action.ToString().ToLowerInvariant(), id);
        return IssueOutcome.Done(store.Find(id)!);
    }

    private void ChangeWalletCredentials(string id, IssuedRecord document, bool suspend)
    {
        var configurations = store.Documents.StatusConfigurations().ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var credential in store.Documents.CredentialsOf(id))
        {
            if (credential.StatusConfiguration is not { } name || !configurations.TryGetValue(name, out var configuration))
            {
                continue; // without a status entry a credential lives at most 24 hours
            }

            var issuer = new StatusListIssuer(statusLists, configuration.Options, time);
            try
            {
                _ = suspend ? issuer.Suspend(document.Institution, credential.CredentialId) : issuer.Reinstate(document.Institution, credential.CredentialId);
            }
            catch (StatusListIssuanceException)
            {
                // A 1-bit list cannot say suspended (draft-ietf-oauth-status-list §7.1): that credential stays as it is.
            }
        }
    }
}
