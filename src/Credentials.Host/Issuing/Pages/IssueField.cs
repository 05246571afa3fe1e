namespace Credentials.Host.Issuing.Pages;

/// <summary>One field of the issue form: the request member it fills (<c>fn</c>), its label and hint keys, and whether it is a date.</summary>
public sealed record IssueField(string Name, string Label, string? Hint = null, bool Date = false)
{
    /// <summary>The kinds of document the form issues, as the request names their object: <c>prc</c>, <c>ehic</c>, <c>isi</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["prc", "ehic", "isi"];

    /// <summary>The form field of the institution: it fills both <c>ic</c> and <c>ii</c> of the request.</summary>
    public const string Institution = "institution";

    /// <summary>The fields of <paramref name="kind"/> after the institution, in the order of the document.</summary>
    public static IReadOnlyList<IssueField> For(string kind)
    {
        IssueField[] holder =
        [
            new("in", "institutionNameLabel"),
            new("fn", "familyNameLabel"),
            new("gn", "givenNamesLabel"),
            new("dob", "dateOfBirthLabel", "dateOfBirthHint"),
        ];
        return kind switch
        {
            "ehic" => [.. holder, new("hi", "personalIdLabel"), new("ci", "cardNumberLabel"), new("xd", "expiryLabel", "dateHint", Date: true)],
            "isi" => [.. holder, new("nn", "nationalNumberLabel"), new("xd", "expiryLabel", "dateHint", Date: true)],
            _ => [.. holder, new("hi", "personalIdLabel"), new("ci", "cardNumberLabel"), new("sd", "startLabel", "dateHint", Date: true), new("ed", "endLabel", "dateHint", Date: true), new("xd", "expiryLabel", "dateHint", Date: true)],
        };
    }

    /// <summary>The label of the kind's choice.</summary>
    public static string KindLabel(string kind) => kind switch { "ehic" => "kindEhic", "isi" => "kindIsi", _ => "kindPrc" };
}
