using Credentials.Host.Pages;

namespace Credentials.Host.Issuing.Pages;

/// <summary>What the issue page shows: the form of one kind (its values and each problem beside its field), or the issued document.</summary>
public sealed record IssuePageModel
{
    public required IssuingLabels Labels { get; init; }

    public required AntiforgeryField Antiforgery { get; init; }

    /// <summary>The kind of document the form is for: <c>prc</c>, <c>ehic</c> or <c>isi</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The institutions the signed-in user may issue for (<c>BE:0120</c>).</summary>
    public required IReadOnlyList<string> Institutions { get; init; }

    /// <summary>The values typed, by form field, shown again beside their problems.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>The problems of the request, each beside its field when it has one.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    /// <summary>The issued document's id, when the page shows it.</summary>
    public string? IssuedId { get; init; }

    /// <summary>Whether the host signs as the generated test issuer.</summary>
    public bool TestIssuer { get; init; }
}
