using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Credentials.Model;
using Credentials.Verification;

namespace Credentials.Labels;

/// <summary>
/// The words of a verification report in one language, read from <c>Labels/{code}.json</c> inside this assembly: the
/// step titles, the display names of the step results, and one template per message key with named placeholders
/// (<c>{date}</c>, <c>{institution}</c> …). Adding a language is adding a file; a test makes sure every file has
/// every key with the same placeholders. The CLI, the exports and a web host render the same report from this data.
/// Thread-safe and immutable.
/// </summary>
public sealed class MessageCatalog
{
    /// <summary>The language of a report when none is asked for.</summary>
    public const string DefaultLanguage = "en";

    private const string ResourcePrefix = "Credentials.Labels.";

    private static readonly Lazy<FrozenDictionary<string, MessageCatalog>> All = new(LoadAll);

    private static readonly Lazy<string[]> LanguageCodes = new(() => [.. All.Value.Keys.Order(StringComparer.Ordinal)]);

    private readonly FrozenDictionary<string, MessageTemplate> templates;

    private MessageCatalog(string language, string languageName, FrozenDictionary<string, MessageTemplate> templates)
    {
        Language = language;
        LanguageName = languageName;
        this.templates = templates;
    }

    /// <summary>The language's code, e.g. <c>de</c>.</summary>
    public string Language { get; }

    /// <summary>The language's name in itself, e.g. <c>Deutsch</c>.</summary>
    public string LanguageName { get; }

    /// <summary>Every message key of this language.</summary>
    public IEnumerable<string> Keys => templates.Keys;

    /// <summary>The languages shipped, by code, in order.</summary>
    public static IReadOnlyList<string> Languages => LanguageCodes.Value;

    /// <summary>The English catalog, which every other language follows key for key.</summary>
    public static MessageCatalog English => All.Value[DefaultLanguage];

    /// <summary>The catalog of a language code (<c>en</c>, <c>nl</c>, <c>fr</c>, <c>de</c>); false for null or a language not shipped, so a caller can fall back or list <see cref="Languages"/>.</summary>
    public static bool TryGet([NotNullWhen(true)] string? language, [NotNullWhen(true)] out MessageCatalog? catalog)
    {
        catalog = null;
        return language is not null && All.Value.TryGetValue(language, out catalog);
    }

    /// <summary>The catalog of <paramref name="language"/>; an unknown language is an <see cref="ArgumentException"/> that lists the languages.</summary>
    public static MessageCatalog Get(string language) =>
        TryGet(language, out var catalog)
            ? catalog
            : throw new ArgumentException($"no report messages in the language '{language}'; the languages are {string.Join(", ", Languages)}.", nameof(language));

    /// <summary>Whether the catalog has a template for <paramref name="key"/>.</summary>
    public bool Contains(string key) => templates.ContainsKey(key);

    /// <summary>The placeholders of the template for <paramref name="key"/>.</summary>
    public IReadOnlySet<string> Placeholders(string key) => templates[key].Placeholders;

    /// <summary>The text in this language, its placeholders filled.</summary>
    public string Render(MessageText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.UntranslatedText is { } untranslated)
        {
            return untranslated;
        }

        var builder = new StringBuilder(128);
        Append(builder, text);
        return builder.ToString();
    }

    /// <summary>The step's title, e.g. "Treatment date".</summary>
    public string StepTitle(VerificationStep step) => Render(StepTitleText(step));

    /// <summary>The step's result as shown to people: in English as the specification writes it (PASSED, NOT PASSED, WARNING, N/A).</summary>
    public string ResultName(StepResult result) => Render(ResultText(result));

    /// <summary>What a finding code means, in general (its default message).</summary>
    public string Describe(FindingCode code) => Render(MessageText.Of(code.DefaultMessageKey()));

    /// <summary>A step's result as a text for people (the export's <c>result</c> member keeps the specification's wire name).</summary>
    public static MessageText ResultText(StepResult result) => MessageText.Of(result switch
    {
        StepResult.Passed => "result.passed",
        StepResult.NotPassed => "result.notPassed",
        StepResult.Warning => "result.warning",
        StepResult.NotApplicable => "result.notApplicable",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    });

    /// <summary>The title of a step as a text, to be rendered in any language.</summary>
    public static MessageText StepTitleText(VerificationStep step) => MessageText.Of(step switch
    {
        VerificationStep.TreatmentDate => "step.treatmentDate",
        VerificationStep.Decode => "step.decode",
        VerificationStep.Validate => "step.validate",
        VerificationStep.ResolveKey => "step.resolveKey",
        VerificationStep.BusinessChecks => "step.businessChecks",
        VerificationStep.Revocation => "step.revocation",
        VerificationStep.TreatmentPeriod => "step.treatmentPeriod",
        VerificationStep.Conclusion => "step.conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    });

    private void Append(StringBuilder builder, MessageText text)
    {
        if (text.UntranslatedText is { } untranslated)
        {
            builder.Append(untranslated);
            return;
        }

        if (text.Key is null)
        {
            for (var i = 0; i < text.Parts.Count; i++)
            {
                builder.Append(i == 0 ? string.Empty : text.Separator);
                Append(builder, text.Parts[i]);
            }

            return;
        }

        // A key this language lacks falls back to English (the tests make sure there is none).
        if (templates.TryGetValue(text.Key, out var template) || (!ReferenceEquals(this, English) && English.templates.TryGetValue(text.Key, out template)))
        {
            template.AppendTo(builder, text.Arguments, Append);
        }
        else
        {
            builder.Append('[').Append(text.Key).Append(']');
        }
    }

    private static FrozenDictionary<string, MessageCatalog> LoadAll()
    {
        var assembly = typeof(MessageCatalog).Assembly;
        var catalogs = new Dictionary<string, MessageCatalog>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            catalogs[code] = Read(code, stream);
        }

        if (!catalogs.ContainsKey(DefaultLanguage))
        {
            throw new InvalidOperationException($"the report messages have no {DefaultLanguage}.json.");
        }

        return catalogs.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static MessageCatalog Read(string code, Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (!root.TryGetProperty("language", out var languageName) || languageName.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"the report messages {code}.json need a \"language\" string and a \"messages\" object.");
        }

        var templates = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        foreach (var message in messages.EnumerateObject())
        {
            string? problem = null;
            var template = message.Value.ValueKind == JsonValueKind.String ? MessageTemplate.TryParse(message.Value.GetString()!, out problem) : null;
            if (template is null)
            {
                throw new InvalidOperationException($"the report messages {code}.json: \"{message.Name}\" is not a well-formed template string{(problem is null ? string.Empty : ": " + problem)}.");
            }

            if (!templates.TryAdd(message.Name, template))
            {
                throw new InvalidOperationException($"the report messages {code}.json: \"{message.Name}\" appears more than once.");
            }
        }

        return new MessageCatalog(code, languageName.GetString()!, templates.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
