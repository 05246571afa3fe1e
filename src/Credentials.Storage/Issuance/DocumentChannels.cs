using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;

namespace Credentials.Storage.Issuance;

/// <summary>
/// One document, three channels: the document is issued once (its QR text and PDF), and wallet credentials are
/// minted from the stored document whenever a holder key is known, each with the document's <c>document_number</c>
/// and each recorded against it. Revoking the document revokes every channel: the caller puts its <c>jti</c> on the
/// QR revocation list (specs/revocation-list.md), and <see cref="RevokeWalletCredentials"/> sets the status bit of
/// every credential minted from it.
/// </summary>
public sealed class DocumentChannels
{
    private readonly IssuedDocumentStore documents;
    private readonly IStatusListStore statusLists;
    private readonly TimeProvider time;

    /// <summary>Channels over the issuer's documents and status lists (usually one database file for both).</summary>
    public DocumentChannels(IssuedDocumentStore documents, IStatusListStore statusLists, TimeProvider time)
    {
        this.documents = documents ?? throw new ArgumentNullException(nameof(documents));
        this.statusLists = statusLists ?? throw new ArgumentNullException(nameof(statusLists));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Mints a wallet credential from the stored document <paramref name="documentId"/> for <paramref name="holderKey"/>,
    /// with an entry on the named status list configuration's lists (none when <paramref name="statusConfiguration"/>
    /// is null: the credential then lives at most 24 hours), and records it. Throws <see cref="IssuerStateException"/>
    /// for an unknown or revoked document or an unknown configuration; a document the issuer refuses is returned as
    /// its findings (an entry allocated for it stays unused: indices are never reused).
    /// </summary>
    public WalletIssuance Mint(string documentId, WalletCredentialIssuer issuer, PublicJwk holderKey, string? statusConfiguration, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(holderKey);
        var stored = documents.FindDocument(documentId) ?? throw new IssuerStateException("no document is recorded under that jti.");
        if (stored.RevokedAt is { } revoked)
        {
            throw new IssuerStateException($"the document was revoked on {revoked.UtcDateTime:yyyy-MM-dd}: no wallet credential is minted from it.");
        }

        var document = stored.Payload.Document;
        var credentialId = Guid.NewGuid().ToString();
        Credentials.Status.StatusListEntry? entry = null;
        if (statusConfiguration is not null)
        {
            var configuration = documents.FindStatusConfiguration(statusConfiguration) ?? throw new IssuerStateException($"there is no status list configuration named '{statusConfiguration}'.");
            entry = new StatusListIssuer(statusLists, configuration.Options, time).Allocate(document.Institution.Id, credentialId);
        }

        var issuance = issuer.Issue(new WalletIssueRequest
        {
            Document = document,
            DocumentId = documentId,
            CredentialId = credentialId,
            HolderKey = holderKey,
            Status = entry,
            Lifetime = lifetime,
        });
        if (issuance.Credential is { } credential)
        {
            documents.RecordCredential(new MintedCredential(credential.CredentialId, documentId, credential.Type.Vct, credential.DocumentNumber, statusConfiguration, credential.Status, credential.HolderKeyThumbprint, credential.IssuedAt, credential.ExpiresAt));
        }

        return issuance;
    }

    /// <summary>
    /// Revokes every wallet credential minted from the document (its status list bit set to revoked, for good) and
    /// appends the revocation to the document's history. Returns how many credentials with a status entry it holds
    /// revoked now (those without one expire within 24 hours), or null when no document is recorded under that jti.
    /// </summary>
    public int? RevokeWalletCredentials(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        if (documents.FindDocument(documentId) is not { } stored)
        {
            return null;
        }

        var institution = stored.Payload.Document.Institution.Id;
        var configurations = documents.StatusConfigurations().ToDictionary(c => c.Name, StringComparer.Ordinal);
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        Revoke(documents.CredentialsOf(documentId), institution, configurations, revoked);
        documents.RecordRevocation(documentId, revoked.Count);

        // No credential is recorded for the document once its revocation is (the store's per-document turn); one
        // minted meanwhile, on this host or another, was recorded before it and is among these.
        Revoke(documents.CredentialsOf(documentId), institution, configurations, revoked);
        return revoked.Count;
    }

    private void Revoke(IEnumerable<MintedCredential> credentials, Model.InstitutionId institution, Dictionary<string, StatusListConfiguration> configurations, HashSet<string> revoked)
    {
        foreach (var credential in credentials)
        {
            if (credential.Status is null || credential.StatusConfiguration is not { } name || revoked.Contains(credential.CredentialId))
            {
                continue;
            }

            // The issuer's rules apply: revocation is final and revoking twice changes nothing.
            new StatusListIssuer(statusLists, configurations[name].Options, time).Revoke(institution, credential.CredentialId);
            revoked.Add(credential.CredentialId);
        }
    }
}
