namespace Credentials.Wallet.SdJwt;

/// <summary>A Disclosure that was used, and where its claim sits in the processed claims.</summary>
/// <param name="Path">The claim's place in the processed claims.</param>
/// <param name="Disclosure">The Disclosure that disclosed it.</param>
public sealed record DisclosedClaim(ClaimPath Path, Disclosure Disclosure);
