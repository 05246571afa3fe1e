using Credentials.Model;

namespace Credentials.Host.Issuing;

/// <summary>One problem of a request, beside its field: the request member as a JSON pointer (<c>/prc/fn</c>), a stable code, the message in the catalog's words.</summary>
/// <param name="Field">The field's path in the request, or null for the request as a whole.</param>
/// <param name="Code">The stable code (the finding's wire name).</param>
/// <param name="Text">The message, to be worded in the reader's language.</param>
internal sealed record IssueProblem(string? Field, string Code, Credentials.Labels.MessageText Text)
{
    /// <summary>The problem of a blocking finding.</summary>
    public static IssueProblem Of(Finding finding) => new(finding.Path, finding.Code.ToWireName(), finding.Text);
}
