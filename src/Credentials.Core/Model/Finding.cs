using Credentials.Labels;

namespace Credentials.Model;

/// <summary>How much a finding weighs: an <see cref="Error"/> blocks issuance and verification, a
/// <see cref="Warning"/> is reported and does not (EC ePRC spec §2, "Business rules").</summary>
public enum FindingSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in a document, a request or a step, with a stable code and the field it concerns.</summary>
/// <param name="Code">A stable, machine-readable code, the same in every language.</param>
/// <param name="Severity">Whether it blocks.</param>
/// <param name="Text">The sentence for people, as a message key and its arguments, to be rendered in any language
/// (<see cref="MessageCatalog"/>). It never carries personal data (names, numbers).</param>
/// <param name="Path">The JSON path of the field concerned, e.g. <c>/prc/dob</c>, when there is one.</param>
public sealed record Finding(FindingCode Code, FindingSeverity Severity, MessageText Text, string? Path = null)
{
    public static Finding Error(FindingCode code, MessageText text, string? path = null) => new(code, FindingSeverity.Error, text, path);

    public static Finding Warning(FindingCode code, MessageText text, string? path = null) => new(code, FindingSeverity.Warning, text, path);

    /// <summary>The sentence in English.</summary>
    public string Message => Text.ToString();

    public bool IsBlocking => Severity == FindingSeverity.Error;

    /// <summary>The document field the finding concerns, when it comes from a document rule; a reader or form maps it to its own <see cref="Path"/>.</summary>
    public Documents.DocumentField? Field { get; init; }

    public override string ToString() => Path is null ? $"{Code.ToWireName()}: {Message}" : $"{Code.ToWireName()} at {Path}: {Message}";
}
