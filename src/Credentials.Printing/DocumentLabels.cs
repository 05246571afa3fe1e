using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Credentials.Model;

namespace Credentials.Printing;

/// <summary>
/// The printed labels of our documents in one language, read from <c>Labels/{code}.json</c> inside this
/// assembly: adding a language is adding a file, with no code. Every file must carry every label; a test
/// checks this for each language shipped, and that the core's report messages (<see cref="Labels.MessageCatalog"/>,
/// which give the export's steps their words) have the same languages.
/// </summary>
public sealed class DocumentLabels
{
    private const string ResourcePrefix = "Credentials.Printing.Labels.";

    private static readonly Lazy<FrozenDictionary<string, DocumentLabels>> All = new(LoadAll);

    /// <summary>The language of a document when none is asked for.</summary>
    public const string DefaultLanguage = "en";

    [JsonRequired]
    public string Language { get; init; } = "";

    /// <summary>The issuing states whose only official language this is (EC spec §7: the export's language).</summary>
    [JsonRequired]
    public IReadOnlyList<string> OfficialIn { get; init; } = [];

    [JsonRequired]
    public PrcLabels Prc { get; init; } = new();

    [JsonRequired]
    public ExportLabels Export { get; init; } = new();

    [JsonRequired]
    public EhicLabels Ehic { get; init; } = new();

    [JsonRequired]
    public IsiPlusLabels Isi { get; init; } = new();

    /// <summary>The language code, e.g. <c>nl</c>.</summary>
    [JsonIgnore]
    public string Code { get; private set; } = "";

    /// <summary>The languages shipped, by code.</summary>
    public static IReadOnlyCollection<string> Languages => All.Value.Keys;

    public static bool TryGet(string? code, out DocumentLabels labels) =>
        All.Value.TryGetValue(code ?? DefaultLanguage, out labels!);

    public static DocumentLabels Get(string? code) =>
        TryGet(code, out var labels)
            ? labels
            : throw new ArgumentException($"no labels in the language '{code}'; the languages are {string.Join(", ", Languages.Order(StringComparer.Ordinal))}.", nameof(code));

    /// <summary>
    /// The language of documents about a state (EC spec §7 for the export): the state's official language when
    /// it has exactly one we ship, else English (Belgium, Luxembourg and Switzerland have several).
    /// </summary>
    public static DocumentLabels ForIssuingState(Model.IssuingCountry country) =>
        All.Value.Values.FirstOrDefault(labels => labels.OfficialIn.Contains(country.Code)) ?? Get(DefaultLanguage);

    private static FrozenDictionary<string, DocumentLabels> LoadAll()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var languages = new Dictionary<string, DocumentLabels>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            var labels = JsonSerializer.Deserialize(stream, LabelsJsonContext.Default.DocumentLabels)
                ?? throw new InvalidOperationException($"the labels file {code}.json is empty.");
            labels.Code = code;
            languages[code] = labels;
        }

        return languages.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

public sealed class PrcLabels
{
    [JsonRequired] public string Title { get; init; } = "";
    [JsonRequired] public string Subtitle { get; init; } = "";
    [JsonRequired] public string IssuingState { get; init; } = "";
    [JsonRequired] public string Holder { get; init; } = "";
    [JsonRequired] public string Name { get; init; } = "";
    [JsonRequired] public string GivenNames { get; init; } = "";
    [JsonRequired] public string DateOfBirth { get; init; } = "";
    [JsonRequired] public string PersonalNumber { get; init; } = "";
    [JsonRequired] public string Institution { get; init; } = "";
    [JsonRequired] public string Card { get; init; } = "";
    [JsonRequired] public string Expiry { get; init; } = "";
    [JsonRequired] public string NoCard { get; init; } = "";
    [JsonRequired] public string Validity { get; init; } = "";
    [JsonRequired] public string From { get; init; } = "";
    [JsonRequired] public string To { get; init; } = "";
    [JsonRequired] public string Delivery { get; init; } = "";
    [JsonRequired] public string Signature { get; init; } = "";
    [JsonRequired] public string QrNote { get; init; } = "";
}

/// <summary>The eEHIC card's own labels; its fields 3–9 use the PRC's labels of the same S2 fields.</summary>
public sealed class EhicLabels
{
    [JsonRequired] public string Title { get; init; } = "";
    [JsonRequired] public string IssuingState { get; init; } = "";
    [JsonRequired] public string Provisional { get; init; } = "";
    [JsonRequired] public string QrNote { get; init; } = "";
}

/// <summary>Belgium's ISI+ card; its name, given names and date of birth use the PRC's labels.</summary>
public sealed class IsiPlusLabels
{
    [JsonRequired] public string Title { get; init; } = "";
    [JsonRequired] public string Subtitle { get; init; } = "";
    [JsonRequired] public string NationalNumber { get; init; } = "";
    [JsonRequired] public string Mutuality { get; init; } = "";
    [JsonRequired] public string ValidUntil { get; init; } = "";
    [JsonRequired] public string QrNote { get; init; } = "";
}

public sealed class ExportLabels
{
    [JsonRequired] public string Title { get; init; } = "";
    [JsonRequired] public string TitleEhic { get; init; } = "";
    [JsonRequired] public string TitleIsi { get; init; } = "";
    [JsonRequired] public string IssuedOn { get; init; } = "";
    [JsonRequired] public string Metadata { get; init; } = "";
    [JsonRequired] public string Verifier { get; init; } = "";
    [JsonRequired] public string TreatmentDate { get; init; } = "";
    [JsonRequired] public string VerifiedAt { get; init; } = "";
    [JsonRequired] public string TrustData { get; init; } = "";
    [JsonRequired] public string Unknown { get; init; } = "";
    [JsonRequired] public string Steps { get; init; } = "";
    [JsonRequired] public string Conclusion { get; init; } = "";
    [JsonRequired] public string Approved { get; init; } = "";
    [JsonRequired] public string Rejected { get; init; } = "";
    [JsonRequired] public string Issuer { get; init; } = "";
    [JsonRequired] public string Kid { get; init; } = "";
    [JsonRequired] public string Document { get; init; } = "";
    [JsonRequired] public string ScannedQr { get; init; } = "";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DocumentLabels))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
