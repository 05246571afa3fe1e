namespace Credentials.Wallet.SdJwt;

/// <summary>What this transaction expects in the Key Binding JWT (RFC 9901 §7.3 step 5.6): this verifier and this nonce.</summary>
/// <param name="Audience">The verifier's identifier, which <c>aud</c> must equal.</param>
/// <param name="Nonce">The fresh value this verifier gave the holder, which <c>nonce</c> must equal.</param>
public sealed record KeyBindingExpectation(string Audience, string Nonce);
