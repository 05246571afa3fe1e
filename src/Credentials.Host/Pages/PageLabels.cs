using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Credentials.Host.Verify;

namespace Credentials.Host.Pages;

/// <summary>
/// The words of the host's pages in one language, read from <c>Pages/Labels/{code}.json</c> inside this assembly
/// (English, Dutch, French, German). Every file carries every label (a test checks it). The report itself (steps,
/// results, the document's fields) is worded from the label data the PDFs use: see <see cref="ReportWording"/>.
/// </summary>
public sealed class PageLabels
{
    private const string ResourcePrefix = "Credentials.Host.Pages.Labels.";

    private static readonly Lazy<FrozenDictionary<string, PageLabels>> All = new(LoadAll);

    /// <summary>The language when none is asked for and the browser names none we have.</summary>
    public const string DefaultLanguage = "en";

    /// <summary>The language code, e.g. <c>nl</c>.</summary>
    [JsonIgnore]
    public string Code { get; private set; } = "";

    [JsonRequired] public string LanguageName { get; init; } = "";
    [JsonRequired] public string SkipToContent { get; init; } = "";
    [JsonRequired] public string SiteName { get; init; } = "";
    [JsonRequired] public string SiteTagline { get; init; } = "";
    [JsonRequired] public string HomeTitle { get; init; } = "";
    [JsonRequired] public string HomeIntro { get; init; } = "";
    [JsonRequired] public string HomeVerify { get; init; } = "";
    [JsonRequired] public string HomeApi { get; init; } = "";
    [JsonRequired] public string HomeHealth { get; init; } = "";
    [JsonRequired] public string VerifyTitle { get; init; } = "";
    [JsonRequired] public string VerifyIntro { get; init; } = "";
    [JsonRequired] public string PasteLabel { get; init; } = "";
    [JsonRequired] public string PasteHint { get; init; } = "";
    [JsonRequired] public string UploadLabel { get; init; } = "";
    [JsonRequired] public string UploadHint { get; init; } = "";
    [JsonRequired] public string CameraLegend { get; init; } = "";
    [JsonRequired] public string CameraStart { get; init; } = "";
    [JsonRequired] public string CameraStop { get; init; } = "";
    [JsonRequired] public string CameraStarting { get; init; } = "";
    [JsonRequired] public string CameraLooking { get; init; } = "";
    [JsonRequired] public string CameraFound { get; init; } = "";
    [JsonRequired] public string CameraUnavailable { get; init; } = "";
    [JsonRequired] public string CameraVideo { get; init; } = "";
    [JsonRequired] public string TreatmentDateLabel { get; init; } = "";
    [JsonRequired] public string TreatmentDateHint { get; init; } = "";
    [JsonRequired] public string Submit { get; init; } = "";
    [JsonRequired] public string LanguageLabel { get; init; } = "";
    [JsonRequired] public string ResultTitle { get; init; } = "";
    [JsonRequired] public string CodeOf { get; init; } = "";
    [JsonRequired] public string StepColumn { get; init; } = "";
    [JsonRequired] public string ResultColumn { get; init; } = "";
    [JsonRequired] public string DetailsColumn { get; init; } = "";
    [JsonRequired] public string DownloadPdf { get; init; } = "";
    [JsonRequired] public string DownloadJson { get; init; } = "";
    [JsonRequired] public string VerifyAnother { get; init; } = "";
    [JsonRequired] public string ResultExpired { get; init; } = "";
    [JsonRequired] public string SampleLink { get; init; } = "";
    [JsonRequired] public string TestIssuerNotice { get; init; } = "";
    [JsonRequired] public string ProblemTitle { get; init; } = "";
    [JsonRequired] public string InputMissing { get; init; } = "";
    [JsonRequired] public string BadTreatmentDate { get; init; } = "";
    [JsonRequired] public string BadForm { get; init; } = "";
    [JsonRequired] public string Footer { get; init; } = "";
    [JsonRequired] public string WalletLegend { get; init; } = "";
    [JsonRequired] public string WalletHint { get; init; } = "";
    [JsonRequired] public string AudienceLabel { get; init; } = "";
    [JsonRequired] public string NonceLabel { get; init; } = "";

    /// <summary>What each problem of a verify request says to people.</summary>
    [JsonRequired] public IReadOnlyDictionary<string, string> Problems { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>The languages of the pages, by code, in a fixed order.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    public static bool TryGet(string? code, out PageLabels labels) => All.Value.TryGetValue(code ?? DefaultLanguage, out labels!);

    public static PageLabels Get(string? code) => TryGet(code, out var labels) ? labels : All.Value[DefaultLanguage];

    /// <summary>The text of a problem.</summary>
    internal string Problem(VerifyProblem problem) => Problems.TryGetValue(problem.ToString(), out var text) ? text : problem.ToString();

    /// <summary>"QR code 1 of 2".</summary>
    public string CodeOfTotal(int number, int total) => string.Format(CultureInfo.InvariantCulture, CodeOf, number, total);

    private static FrozenDictionary<string, PageLabels> LoadAll()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var languages = new Dictionary<string, PageLabels>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            var labels = JsonSerializer.Deserialize(stream, PageLabelsJsonContext.Default.PageLabels)
                ?? throw new InvalidOperationException($"the page labels file {code}.json is empty.");
            labels.Code = code;
            languages[code] = labels;
        }

        return languages.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PageLabels))]
internal sealed partial class PageLabelsJsonContext : JsonSerializerContext;
