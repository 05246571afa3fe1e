namespace Credentials.Storage.Offers;

/// <summary>
/// A credential offer to record: only digests of its secrets (<see cref="OfferStore"/> never sees a code), the
/// stored document it is for, and when it expires.
/// </summary>
/// <param name="Id">The digest of the offer's secret id (what the issuing page's address carries).</param>
/// <param name="ReferenceHash">The digest of the secret in its <c>credential_offer_uri</c>.</param>
/// <param name="CodeHash">The digest of its pre-authorized code.</param>
/// <param name="TxCodeHash">The digest of its transaction code bound to the code, or null when it has none.</param>
/// <param name="DocumentId">The stored document's <c>jti</c>.</param>
/// <param name="Institution">The document's institution (<c>BE:0120</c>).</param>
/// <param name="ConfigurationId">The credential configuration offered.</param>
/// <param name="ExpiresAt">When the offer and its code stop working.</param>
public sealed record NewOffer(
    string Id,
    string ReferenceHash,
    string CodeHash,
    string? TxCodeHash,
    string DocumentId,
    string Institution,
    string ConfigurationId,
    DateTimeOffset ExpiresAt);
