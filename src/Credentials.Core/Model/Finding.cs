using Credentials.Labels;

namespace Credentials.Model;

/// <summary>How much a finding weighs: an <see cref="Error"/> blocks issuance and verification, a
/// <see cref="Warning"/> is reported and does not (EC ePRC spec §2, "Business rules").</summary>
public enum FindingSeverity
{
    /// <summary>Reported, does not block: the step is WARNING (e.g. a card number with other characters than digits, spec §2).</summary>
    Warning,

    /// <summary>Blocks: the issuer does not sign, the verifier's step is NOT PASSED.</summary>
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
    /// <summary>A blocking finding; <paramref name="path"/> is the JSON path of the field concerned, when known.</summary>
    public static Finding Error(FindingCode code, MessageText text, string? path = null) => new(code, FindingSeverity.Error, text, path);

    /// <summary>A non-blocking finding; <paramref name="path"/> is the JSON path of the field concerned, when known.</summary>
    public static Finding Warning(FindingCode code, MessageText text, string? path = null) => new(code, FindingSeverity.Warning, text, path);

    /// <summary>The sentence in English.</summary>
    public string Message => Text.ToString();

    /// <summary>Whether the finding blocks issuance or verification (<see cref="FindingSeverity.Error"/>).</summary>
    public bool IsBlocking => Severity == FindingSeverity.Error;

    /// <summary>The document field the finding concerns, when it comes from a document rule; a reader or form maps it to its own <see cref="Path"/>.</summary>
    public Documents.DocumentField? Field { get; init; }

    /// <summary>The wire code, the path when known, and the English sentence, e.g. <c>SCHEMA_VIOLATION at /prc/fn: …</c>; no personal data, since messages never carry any.</summary>
    public override string ToString() => Path is null ? $"{Code.ToWireName()}: {Message}" : $"{Code.ToWireName()} at {Path}: {Message}";
}
