namespace Credentials.Documents;

/// <summary>
/// Which accreditation of the EESSI Institution Repository an institution needs to issue a kind of document (EC
/// ePRC spec §5 step 5: "accredited for portable document EHIC"), as data beside the document, with a note when
/// the repository records none of its own for it and another stands in.
/// </summary>
/// <param name="PortableDocument">The repository's portable document, e.g. <c>EHIC</c>.</param>
/// <param name="Note">Why this accreditation is the one checked, when it is not the document's own; said in the report.</param>
public sealed record RequiredAccreditation(string PortableDocument, Labels.MessageText? Note = null)
{
    /// <summary>The EHIC accreditation, which the PRC and the card are issued under.</summary>
    public static RequiredAccreditation Ehic { get; } = new("EHIC");
}
