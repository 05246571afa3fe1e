namespace Credentials.Host.Pages;

/// <summary>A language the pages offer: its code, its name in itself, and whether it is the one shown.</summary>
public sealed record LanguageChoice(string Code, string Name, bool Current)
{
    /// <summary>Every language the pages and the reports share, the shown one marked.</summary>
    public static IReadOnlyList<LanguageChoice> All(string current) =>
        [.. PageLabels.Languages.Where(code => Verify.ReportWording.Languages.Contains(code)).Select(code => new LanguageChoice(code, PageLabels.Get(code).LanguageName, code == current))];
}
