using Credentials.Documents;
using Credentials.Model;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// How one kind of document travels in the QR token's payload: its schema id, the member that holds it, and each
/// field's member name. The field rules themselves are the document's; a profile only maps them to the wire.
/// </summary>
internal abstract class DocumentProfile
{
    /// <summary>The schema id written in <c>sid</c>.</summary>
    public abstract string SchemaId { get; }

    /// <summary>The payload member that holds the document (<c>prc</c>, <c>ehic</c>, <c>isi</c>).</summary>
    public abstract string Member { get; }

    /// <summary>The JSON Pointer of the document object.</summary>
    public string Path => "/" + Member;

    /// <summary>The member that carries a field.</summary>
    public abstract string MemberName(DocumentField field);

    private string?[]? paths;

    /// <summary>The JSON Pointer of a field's member (made once per profile: it is asked for on every read).</summary>
    public string PathOf(DocumentField field)
    {
        var made = paths ??= new string?[Enum.GetValues<DocumentField>().Length];
        return made[(int)field] ??= $"{Path}/{MemberName(field)}";
    }

    /// <summary>A document rule's finding with its member's path.</summary>
    public Finding Locate(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Field is { } field && finding.Path is null ? finding with { Path = PathOf(field) } : finding;
    }

    /// <summary>The document's rules' findings, each with its member's path.</summary>
    public IEnumerable<Finding> Locate(IEnumerable<Finding> findings) => findings.Select(Locate);

    protected string P(DocumentField field) => PathOf(field);

    /// <summary>
    /// Builds the document once every field has been read: its constructor checks the same field rules again, so a
    /// refusal here can only be a rule the readers above do not check — reported, never thrown.
    /// </summary>
    protected static T? Construct<T>(Func<T> create, MemberReader reader, string path)
        where T : class
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            // Only a rule no reader checks gets here, with the constructor's English sentence.
            reader.Findings.Add(Finding.Error(FindingCode.SchemaViolation, Labels.MessageText.Untranslated(FirstSentence(e.Message)), path));
            return null;
        }
    }

    // ArgumentException appends " (Parameter 'x')": not for people.
    private static string FirstSentence(string message) =>
        message.IndexOf(" (Parameter '", StringComparison.Ordinal) is var at and >= 0 ? message[..at] : message;
}
