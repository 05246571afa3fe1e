using Credentials.Database;

namespace Credentials.Storage.Offers;

/// <summary>
/// The wallet-import state (OpenID4VCI 1.0), a component of the issuer's state database beside the issued documents:
/// the credential offers waiting for a wallet (only hashes of their secrets: the offer id, the reference, the
/// pre-authorized code, the transaction code), the single-use <c>c_nonce</c> values, and the keys the token endpoint
/// signs and encrypts its access tokens with, so every host sharing the database accepts the others' tokens. Rows
/// are deleted when an offer is redeemed or expires and when a nonce is used or expires.
/// </summary>
internal static class OfferSchema
{
    private static readonly Migration[] Migrations =
    [
        // 1: offers (state 'offered' until the token endpoint redeems the code, then 'redeemed' until the credential
        // endpoint issues, then deleted), nonces, token keys. Instants are Unix milliseconds, compared in SQL.
        new Migration("wallet offers, pre-authorized codes, transaction codes, nonces and the token keys", d => $"""
        CREATE TABLE wallet_offers (
            id TEXT PRIMARY KEY,
            reference_hash TEXT NOT NULL UNIQUE,
            code_hash TEXT NOT NULL UNIQUE,
            tx_code_hash TEXT NOT NULL,
            tx_tries_left INTEGER NOT NULL,
            document_id TEXT NOT NULL,
            institution TEXT NOT NULL,
            configuration_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('offered', 'redeemed')),
            created_at {d.BigInt} NOT NULL,
            expires_at {d.BigInt} NOT NULL);
        CREATE INDEX wallet_offers_by_document ON wallet_offers (document_id);
        CREATE INDEX wallet_offers_by_expiry ON wallet_offers (expires_at);
        CREATE TABLE wallet_nonces (
            nonce_hash TEXT PRIMARY KEY,
            expires_at {d.BigInt} NOT NULL);
        CREATE INDEX wallet_nonces_by_expiry ON wallet_nonces (expires_at);
        CREATE TABLE wallet_token_keys (
            purpose TEXT PRIMARY KEY,
            key_bytes {d.Bytes} NOT NULL,
            created_at {d.BigInt} NOT NULL);
        """),
    ];

    /// <summary>The wallet-import state as a schema component.</summary>
    public static readonly SchemaComponent Component = new(
        "wallet_offers",
        "wallet offers and nonces",
        Migrations,
        [new SchemaTable("wallet_offers"), new SchemaTable("wallet_nonces"), new SchemaTable("wallet_token_keys")]);
}
