namespace Credentials.Storage.Offers;

/// <summary>A recorded offer as the store reads it back.</summary>
/// <param name="Id">The digest of the offer's secret id.</param>
/// <param name="DocumentId">The stored document's <c>jti</c>.</param>
/// <param name="Institution">The document's institution.</param>
/// <param name="ConfigurationId">The credential configuration offered.</param>
/// <param name="HasTxCode">Whether redeeming it needs a transaction code.</param>
/// <param name="Redeemed">Whether its code was exchanged for an access token already.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record PendingOffer(string Id, string DocumentId, string Institution, string ConfigurationId, bool HasTxCode, bool Redeemed, DateTimeOffset ExpiresAt);
