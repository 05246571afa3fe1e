using System.Text.Json.Serialization;

namespace Credentials.Host.Accounts;

/// <summary>The body of <c>GET /api/v1/me</c>.</summary>
/// <param name="Name">The API key's name, or the person's user name.</param>
/// <param name="Kind"><c>api-key</c> or <c>account</c>.</param>
/// <param name="KeyId">The API key's id (for <c>credentials apikey rotate</c>); absent for a person.</param>
/// <param name="Institutions">The institutions the caller may issue and revoke for.</param>
internal sealed record MeResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("keyId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeyId,
    [property: JsonPropertyName("institutions")] IReadOnlyList<string> Institutions);
