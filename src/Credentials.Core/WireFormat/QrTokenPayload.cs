using Credentials.Documents;
using Credentials.Status;
using Credentials.WireFormat.QrPayload;

namespace Credentials.WireFormat;

/// <summary>
/// The payload of a QR token (EC ePRC spec §2): the schema id, the optional token id (<c>jti</c>) and revocation
/// list (<c>rid</c>), and the document. The schema id is the one the document's kind travels under; its envelope
/// values follow their rules (a token id is not blank, a revocation list is an absolute URI).
/// </summary>
public sealed record QrTokenPayload
{
    /// <summary>The EC's schema for the ePRC (spec §2, <c>sid</c>).</summary>
    public const string PrcSchemaId = "eessi:prc:1.0";

    /// <summary>Our provisional eEHIC profile (specs/ehic-token.md): the EC has published none yet.</summary>
    public const string EhicSchemaId = "credentials:ehic:0.1";

    /// <summary>Our ISI+ profile (specs/isi-token.md): no public format exists.</summary>
    public const string IsiPlusSchemaId = "credentials:isi:0.1";

    /// <summary>The longest revocation list address accepted.</summary>
    public const int MaxRevocationListLength = 2048;

    /// <summary>A payload for the document. A token id must not be blank; a revocation list is an absolute URI of at most <see cref="MaxRevocationListLength"/> characters (<see cref="ArgumentException"/> otherwise). Give both, or the document's status cannot be checked.</summary>
    public QrTokenPayload(HealthInsuranceDocument document, string? tokenId = null, Uri? revocationList = null)
    {
        Document = document ?? throw new ArgumentNullException(nameof(document));
        if (tokenId is not null && string.IsNullOrWhiteSpace(tokenId))
        {
            throw new ArgumentException("a token id (jti) is not blank.", nameof(tokenId));
        }

        if (revocationList is not null && (!revocationList.IsAbsoluteUri || revocationList.OriginalString.Length > MaxRevocationListLength))
        {
            throw new ArgumentException($"a revocation list (rid) is an absolute URI of at most {MaxRevocationListLength} characters.", nameof(revocationList));
        }

        TokenId = tokenId;
        RevocationList = revocationList;
    }

    /// <summary>The document.</summary>
    public HealthInsuranceDocument Document { get; }

    /// <summary><c>jti</c>: a unique token id, for audit and revocation.</summary>
    public string? TokenId { get; }

    /// <summary><c>rid</c>: where the revocation list that would carry <see cref="TokenId"/> is published.</summary>
    public Uri? RevocationList { get; }

    /// <summary>The schema id written in <c>sid</c>, from the document's kind.</summary>
    public string SchemaId => ProfileOf(Document).SchemaId;

    /// <summary>Where the document's status is published: the revocation list entry when both <c>jti</c> and <c>rid</c> are present.</summary>
    public StatusReference? Status => TokenId is { } jti && RevocationList is { } rid ? new RevocationListEntry(rid, jti) : null;

    internal static DocumentProfile ProfileOf(HealthInsuranceDocument document) =>
        document.Match<DocumentProfile>(_ => PrcProfile.Instance, _ => EhicProfile.Instance, _ => IsiProfile.Instance);

    /// <summary>The member path (e.g. <c>/prc/fn</c>) of a document field in this payload.</summary>
    public string PathOf(DocumentField field) => ProfileOf(Document).PathOf(field);

    /// <summary>The document's rules (<see cref="HealthInsuranceDocument.CheckRules"/>), each finding with its member's path.</summary>
    public IReadOnlyList<Model.Finding> CheckRules() => [.. ProfileOf(Document).Locate(Document.CheckRules())];
}
