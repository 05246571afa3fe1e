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

    /// <summary>The language's name in itself, e.g. <c>Nederlands</c> (the file's <c>language</c>).</summary>
    [JsonRequired]
    public string Language { get; init; } = "";

    /// <summary>The issuing states whose only official language this is (EC spec §7: the export's language).</summary>
    [JsonRequired]
    public IReadOnlyList<string> OfficialIn { get; init; } = [];

    /// <summary>The ePRC form's labels (Decision S2 Annex 2), which the cards and the export also use for the same S2 fields.</summary>
    [JsonRequired]
    public PrcLabels Prc { get; init; } = new();

    /// <summary>The verification export's labels (EC ePRC spec §7).</summary>
    [JsonRequired]
    public ExportLabels Export { get; init; } = new();

    /// <summary>The eEHIC card's own labels.</summary>
    [JsonRequired]
    public EhicLabels Ehic { get; init; } = new();

    /// <summary>The ISI+ card's own labels.</summary>
    [JsonRequired]
    public IsiPlusLabels Isi { get; init; } = new();

    /// <summary>The language code, e.g. <c>nl</c>.</summary>
    [JsonIgnore]
    public string Code { get; private set; } = "";

    /// <summary>The languages shipped, by code.</summary>
    public static IReadOnlyCollection<string> Languages => All.Value.Keys;

    /// <summary>The labels of a language code; null asks for <see cref="DefaultLanguage"/>. False for a language not shipped.</summary>
    public static bool TryGet(string? code, out DocumentLabels labels) =>
        All.Value.TryGetValue(code ?? DefaultLanguage, out labels!);

    /// <summary>The labels of a language code (null: <see cref="DefaultLanguage"/>); an unknown code is an <see cref="ArgumentException"/> that lists <see cref="Languages"/>.</summary>
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

/// <summary>The printed labels of the ePRC form (Decision S2 Annex 2): its title, each numbered field and the boxes (a)–(c).</summary>
public sealed class PrcLabels
{
    /// <summary>The form's title: "Provisional Replacement Certificate of the European Health Insurance Card".</summary>
    [JsonRequired] public string Title { get; init; } = "";

    /// <summary>The line under the title naming Decision S2, Annex 2.</summary>
    [JsonRequired] public string Subtitle { get; init; } = "";

    /// <summary>Field 2: the issuing Member State.</summary>
    [JsonRequired] public string IssuingState { get; init; } = "";

    /// <summary>The heading over fields 3–6, the holder.</summary>
    [JsonRequired] public string Holder { get; init; } = "";

    /// <summary>Field 3: the family name.</summary>
    [JsonRequired] public string Name { get; init; } = "";

    /// <summary>Field 4: the given names.</summary>
    [JsonRequired] public string GivenNames { get; init; } = "";

    /// <summary>Field 5: the date of birth.</summary>
    [JsonRequired] public string DateOfBirth { get; init; } = "";

    /// <summary>Field 6: the personal identification number.</summary>
    [JsonRequired] public string PersonalNumber { get; init; } = "";

    /// <summary>Field 7: the institution, printed <c>ii - in</c>.</summary>
    [JsonRequired] public string Institution { get; init; } = "";

    /// <summary>Field 8: the card's identification number.</summary>
    [JsonRequired] public string Card { get; init; } = "";

    /// <summary>Field 9: the card's expiry date.</summary>
    [JsonRequired] public string Expiry { get; init; } = "";

    /// <summary>Printed in fields 8 and 9 when the certificate replaces no card ("not applicable").</summary>
    [JsonRequired] public string NoCard { get; init; } = "";

    /// <summary>The heading over boxes (a) and (b), the certificate's validity.</summary>
    [JsonRequired] public string Validity { get; init; } = "";

    /// <summary>Box (a): the start of the entitlement.</summary>
    [JsonRequired] public string From { get; init; } = "";

    /// <summary>Box (b): the end of the entitlement.</summary>
    [JsonRequired] public string To { get; init; } = "";

    /// <summary>Box (c): the date the certificate was delivered, which is its date of issuance.</summary>
    [JsonRequired] public string Delivery { get; init; } = "";

    /// <summary>The box that holds the signed QR code: "signature and stamp of the institution".</summary>
    [JsonRequired] public string Signature { get; init; } = "";

    /// <summary>The sentence beside the QR code telling a reader that it holds every entry, signed, and can be scanned.</summary>
    [JsonRequired] public string QrNote { get; init; } = "";
}

/// <summary>The eEHIC card's own labels; its fields 3–9 use the PRC's labels of the same S2 fields.</summary>
public sealed class EhicLabels
{
    /// <summary>The card's name, field 1.</summary>
    [JsonRequired] public string Title { get; init; } = "";

    /// <summary>Field 2: the issuing state.</summary>
    [JsonRequired] public string IssuingState { get; init; } = "";

    /// <summary>The line that says the card follows our provisional profile (specs/ehic-token.md), not a published EC one.</summary>
    [JsonRequired] public string Provisional { get; init; } = "";

    /// <summary>The sentence on the back beside the QR code.</summary>
    [JsonRequired] public string QrNote { get; init; } = "";
}

/// <summary>Belgium's ISI+ card; its name, given names and date of birth use the PRC's labels.</summary>
public sealed class IsiPlusLabels
{
    /// <summary>The card's name, "ISI+ social identification card".</summary>
    [JsonRequired] public string Title { get; init; } = "";

    /// <summary>The line under the title: Belgium, health insurance.</summary>
    [JsonRequired] public string Subtitle { get; init; } = "";

    /// <summary>The holder's national or BIS number, printed <c>YY.MM.DD-SSS.CC</c>.</summary>
    [JsonRequired] public string NationalNumber { get; init; } = "";

    /// <summary>The health insurance fund (the mutuality) that issued the card, printed <c>ii - in</c>.</summary>
    [JsonRequired] public string Mutuality { get; init; } = "";

    /// <summary>The card's last day of validity.</summary>
    [JsonRequired] public string ValidUntil { get; init; } = "";

    /// <summary>The sentence on the back beside the QR code.</summary>
    [JsonRequired] public string QrNote { get; init; } = "";
}

/// <summary>The printed labels of the verification export PDF (EC ePRC spec §7): the blocks metadata, steps, conclusion and the document's data.</summary>
public sealed class ExportLabels
{
    /// <summary>The export's title for an ePRC.</summary>
    [JsonRequired] public string Title { get; init; } = "";

    /// <summary>The export's title for an eEHIC.</summary>
    [JsonRequired] public string TitleEhic { get; init; } = "";

    /// <summary>The export's title for an ISI+ card.</summary>
    [JsonRequired] public string TitleIsi { get; init; } = "";

    /// <summary>A card's date of issue, in the document block.</summary>
    [JsonRequired] public string IssuedOn { get; init; } = "";

    /// <summary>The heading of block 2, the verification's metadata.</summary>
    [JsonRequired] public string Metadata { get; init; } = "";

    /// <summary>Who verified (the verifier's configured name).</summary>
    [JsonRequired] public string Verifier { get; init; } = "";

    /// <summary>The treatment date checked.</summary>
    [JsonRequired] public string TreatmentDate { get; init; } = "";

    /// <summary>When the verification was made (UTC).</summary>
    [JsonRequired] public string VerifiedAt { get; init; } = "";

    /// <summary>When the trust data used was last brought up to date.</summary>
    [JsonRequired] public string TrustData { get; init; } = "";

    /// <summary>Printed where a value is not known (no verifier name, no valid treatment date, trust data of unknown age).</summary>
    [JsonRequired] public string Unknown { get; init; } = "";

    /// <summary>The heading of block 3, each step's result.</summary>
    [JsonRequired] public string Steps { get; init; } = "";

    /// <summary>The heading of block 4, the conclusion.</summary>
    [JsonRequired] public string Conclusion { get; init; } = "";

    /// <summary>The conclusion when the document is approved.</summary>
    [JsonRequired] public string Approved { get; init; } = "";

    /// <summary>The conclusion when the document is rejected.</summary>
    [JsonRequired] public string Rejected { get; init; } = "";

    /// <summary>The signing institution, shown when approved.</summary>
    [JsonRequired] public string Issuer { get; init; } = "";

    /// <summary>The kid of the key that signed, shown when approved.</summary>
    [JsonRequired] public string Kid { get; init; } = "";

    /// <summary>The heading of block 1's reconstructed document, printed only when approved.</summary>
    [JsonRequired] public string Document { get; init; } = "";

    /// <summary>The heading over the QR code as it was scanned.</summary>
    [JsonRequired] public string ScannedQr { get; init; } = "";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DocumentLabels))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
