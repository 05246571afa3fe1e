using Credentials.Signing;

namespace Credentials.Wallet.SdJwt;

/// <summary>What the holder needs to add a Key Binding JWT (RFC 9901 §4.3) to a presentation.</summary>
/// <param name="HolderKey">The private key whose public half is the credential's <c>cnf.jwk</c>.</param>
/// <param name="Audience">The verifier's identifier, for <c>aud</c>.</param>
/// <param name="Nonce">The verifier's nonce for this transaction, for <c>nonce</c>.</param>
public sealed record KeyBindingRequest(ISigner HolderKey, string Audience, string Nonce);
