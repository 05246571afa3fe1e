using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Credentials.Host.Pages;

namespace Credentials.Host.Issuing;

/// <summary>
/// The words of the insurer's pages in one language, from <c>Issuing/Labels/{code}.json</c> inside this assembly
/// (English, Dutch, French, German; every file has every key of the English one, a test checks it), beside the
/// shared page labels (<see cref="PageLabels"/>) of the frame; the problems of a request come from the core's message catalog.
/// </summary>
public sealed class IssuingLabels
{
    private const string ResourcePrefix = "Credentials.Host.Issuing.Labels.";

    private static readonly Lazy<FrozenDictionary<string, IssuingLabels>> All = new(LoadAll);

    private readonly FrozenDictionary<string, string> words;

    private IssuingLabels(string code, FrozenDictionary<string, string> words)
    {
        Code = code;
        this.words = words;
        Page = PageLabels.Get(code);
    }

    /// <summary>The language code.</summary>
    public string Code { get; }

    /// <summary>The shared labels of the frame (site name, skip link, footer) in the same language.</summary>
    public PageLabels Page { get; }

    /// <summary>The language codes shipped, in a fixed order.</summary>
    public static IReadOnlyList<string> Languages => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The label <paramref name="key"/>.</summary>
    public string this[string key] => words.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"there is no issuing label '{key}'.");

    /// <summary>Every key of this language.</summary>
    public IEnumerable<string> Keys => words.Keys;

    /// <summary>The label <paramref name="key"/> with its <c>{0}</c> filled in.</summary>
    public string Format(string key, object argument) => string.Format(CultureInfo.InvariantCulture, this[key], argument);

    /// <summary>The labels of <paramref name="code"/>, else English.</summary>
    public static IssuingLabels Get(string? code) => All.Value.TryGetValue(code ?? PageLabels.DefaultLanguage, out var labels) ? labels : All.Value[PageLabels.DefaultLanguage];

    private static FrozenDictionary<string, IssuingLabels> LoadAll()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var all = new Dictionary<string, IssuingLabels>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            var words = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            all[code] = new IssuingLabels(code, words.ToFrozenDictionary(StringComparer.Ordinal));
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
