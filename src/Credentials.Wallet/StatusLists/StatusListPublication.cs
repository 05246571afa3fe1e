namespace Credentials.Wallet.StatusLists;

/// <summary>A list signed for publication, in both forms, served at <see cref="List"/>.</summary>
/// <param name="List">The list's address (the tokens' <c>sub</c>).</param>
/// <param name="Version">The list version it shows.</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
/// <param name="Jwt">The Status List Token as a JWT, served as <c>application/statuslist+jwt</c>.</param>
/// <param name="Cwt">The Status List Token as a CWT, served as <c>application/statuslist+cwt</c>.</param>
public sealed record StatusListPublication(Uri List, long Version, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Jwt, byte[] Cwt);
