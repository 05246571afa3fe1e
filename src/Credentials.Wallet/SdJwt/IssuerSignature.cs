using System.Text.Json.Nodes;
using Credentials.Signing;

namespace Credentials.Wallet.SdJwt;

/// <summary>One signature the issuer puts on an SD-JWT: the key, and header members besides <c>alg</c>.</summary>
/// <param name="Signer">The issuer's private key; <c>alg</c> follows from it.</param>
/// <param name="ProtectedHeader">Signed header members, e.g. <c>typ</c>, <c>kid</c>, <c>x5c</c>; or null.</param>
/// <param name="UnprotectedHeader">Unsigned header members for the JSON serializations (e.g. <c>kid</c> in RFC 9901 §8.3); or null.</param>
public sealed record IssuerSignature(ISigner Signer, JsonObject? ProtectedHeader = null, JsonObject? UnprotectedHeader = null);
