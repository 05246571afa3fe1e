namespace Credentials.Model;

/// <summary>
/// The JWT payload of an ePRC (spec §2): schema id, optional token id and revocation list, and the PRC. Our
/// provisional eEHIC profile (specs/ehic-token.md, <see cref="EhicSchemaId"/>) carries the same S2 fields under
/// <c>ehic</c> and is read into the same record, its validity di..xd as the entitlement period; so is our ISI+
/// profile (specs/isi-token.md), its national number as the personal identification number.
/// </summary>
public sealed record PrcPayload
{
    /// <summary>The schema id this implementation issues and resolves (spec §2, `sid`).</summary>
    public const string CurrentSchemaId = "eessi:prc:1.0";

    /// <summary>The schema id of our provisional eEHIC profile (the EC has published none yet).</summary>
    public const string EhicSchemaId = "credentials:ehic:0.1";

    /// <summary>The schema id of our ISI+ profile (Belgium's social identification card; no public format exists).</summary>
    public const string IsiPlusSchemaId = "credentials:isi:0.1";

    /// <summary>Whether this is an eEHIC (the card) rather than a PRC.</summary>
    public bool IsEhic => SchemaId == EhicSchemaId;

    /// <summary>Whether this is a Belgian ISI+ card: the national number is in the personal identification number.</summary>
    public bool IsIsiPlus => SchemaId == IsiPlusSchemaId;

    /// <summary>The document's name for people: "ePRC", "eEHIC" or "ISI+".</summary>
    public string DocumentName => IsEhic ? "eEHIC" : IsIsiPlus ? "ISI+" : "ePRC";

    public required string SchemaId { get; init; }

    /// <summary>`jti`: a unique token id, for audit and revocation.</summary>
    public string? TokenId { get; init; }

    /// <summary>`rid`: where the revocation list that would carry <see cref="TokenId"/> is published.</summary>
    public Uri? RevocationListUri { get; init; }

    public required ProvisionalReplacementCertificate Prc { get; init; }
}
