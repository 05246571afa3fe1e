using Credentials.Host.Publishing;
using Credentials.Storage.Issuance;
using Credentials.Storage.Offers;
using Credentials.Wallet.SdJwtVc;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Creating credential offers for stored documents and reading them back for the issuing page: the document must be
/// recorded, not revoked, and of a kind a wallet carries (an EHIC or an ISI+); a new offer replaces the document's
/// earlier one. The store sees only digests of the offer's secrets (<see cref="OfferSecrets"/>).
/// </summary>
internal sealed class WalletOffers(OfferStore store, IssuedDocumentStore documents, WalletImportOptions options, PublicAddress address, TimeProvider time)
{
    /// <summary>The credential issuer identifier: the host's public base URL without its trailing '/' (OpenID4VCI 1.0 §12.2.1).</summary>
    public string IssuerFor(HttpContext context) => address.Identifier(context);

    /// <summary>The stored document, or null.</summary>
    public StoredDocument? Document(string documentId) => documents.FindDocument(documentId);

    /// <summary>
    /// Creates an offer for <paramref name="document"/> (already checked to be the caller's institution's), or says
    /// why not: revoked, or a kind no wallet carries.
    /// </summary>
    public OfferCreation Create(StoredDocument document, bool withTxCode, string issuer)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.RevokedAt is not null)
        {
            return new OfferCreation.Refused(StatusCodes.Status409Conflict, "document-revoked", "the document is revoked: no wallet credential is offered for it.");
        }

        if (WalletCredentialType.ForDocument(document.Payload.Document, out _) is not { } type)
        {
            return new OfferCreation.Refused(StatusCodes.Status422UnprocessableEntity, "no-wallet-credential", "this kind of document has no wallet credential: only an EHIC or an ISI+ is offered to a wallet.");
        }

        var secrets = OfferSecrets.Create();
        var now = time.GetUtcNow();
        var expires = now + options.OfferLifetime;
        var configuration = CredentialConfigurations.IdOf(type);
        store.Create(
            new NewOffer(
                OfferSecrets.Digest(secrets.Id),
                OfferSecrets.Digest(secrets.Reference),
                OfferSecrets.Digest(secrets.Code),
                withTxCode ? OfferSecrets.TxDigest(secrets.Code, secrets.TxCode) : null,
                document.Id,
                document.Payload.Document.Institution.Id.ToString(),
                configuration,
                expires),
            now);
        return new OfferCreation.Created(secrets, new CredentialOffer(issuer, configuration, secrets.Code, secrets.Reference, withTxCode, expires));
    }

    /// <summary>The live offer whose secret id this is, with its forms, or null (unknown, expired, or redeemed).</summary>
    public (PendingOffer Offer, OfferSecrets Secrets, CredentialOffer Credential)? Find(string? id, string issuer)
    {
        if (OfferSecrets.FromId(id) is not { } secrets || store.Find(OfferSecrets.Digest(secrets.Id), time.GetUtcNow()) is not { } offer)
        {
            return null;
        }

        return (offer, secrets, new CredentialOffer(issuer, offer.ConfigurationId, secrets.Code, secrets.Reference, offer.HasTxCode, offer.ExpiresAt));
    }

    /// <summary>The offer object served by reference, or null when no offer waits under it.</summary>
    public CredentialOffer? ByReference(string? reference, string issuer)
    {
        if (!OfferSecrets.IsToken(reference) || store.FindByReference(OfferSecrets.Digest(reference!), time.GetUtcNow()) is not { } offer)
        {
            return null;
        }

        return new CredentialOffer(issuer, offer.ConfigurationId, OfferSecrets.FromReference(reference!), reference!, offer.HasTxCode, offer.ExpiresAt);
    }
}
