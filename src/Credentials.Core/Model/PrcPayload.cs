namespace Credentials.Model;

/// <summary>The JWT payload of an ePRC (spec §2): schema id, optional token id and revocation list, and the PRC.</summary>
public sealed record PrcPayload
{
    /// <summary>The schema id this implementation issues and resolves (spec §2, `sid`).</summary>
    public const string CurrentSchemaId = "eessi:prc:1.0";

    public required string SchemaId { get; init; }

    /// <summary>`jti`: a unique token id, for audit and revocation.</summary>
    public string? TokenId { get; init; }

    /// <summary>`rid`: where the revocation list that would carry <see cref="TokenId"/> is published.</summary>
    public Uri? RevocationListUri { get; init; }

    public required ProvisionalReplacementCertificate Prc { get; init; }
}
