namespace Credentials.Host.Issuing;

/// <summary>What an issue or a status change came to: the document (new, or as it was when the same request came before), or the HTTP status of a refusal with its problems.</summary>
internal sealed record IssueOutcome(IssuedRecord? Document, int Status, string Code, string Detail, IReadOnlyList<IssueProblem> Problems)
{
    /// <summary>The document, issued or changed.</summary>
    public static IssueOutcome Done(IssuedRecord document, int status = 200) => new(document, status, string.Empty, string.Empty, []);

    /// <summary>A refusal without field problems.</summary>
    public static IssueOutcome Refused(int status, string code, string detail) => new(null, status, code, detail, []);

    /// <summary>Whether there is a document to show.</summary>
    public bool Succeeded => Document is not null;
}
