using System.Text;

namespace Credentials.Labels;

/// <summary>
/// One template of the catalog, parsed once: literal text and <c>{name}</c> placeholders. A brace anywhere else is
/// refused when the catalog is read, so a typing slip in a translation cannot reach a report.
/// </summary>
internal sealed class MessageTemplate
{
    private readonly (string Text, bool IsPlaceholder)[] segments;

    private MessageTemplate((string, bool)[] segments, HashSet<string> placeholders)
    {
        this.segments = segments;
        Placeholders = placeholders;
    }

    /// <summary>The argument names the template uses.</summary>
    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>Parses <paramref name="template"/>; null and the reason when it is not well formed.</summary>
    public static MessageTemplate? TryParse(string template, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(template);
        var segments = new List<(string, bool)>();
        var placeholders = new HashSet<string>(StringComparer.Ordinal);
        var rest = template.AsSpan();
        while (!rest.IsEmpty)
        {
            var brace = rest.IndexOfAny('{', '}');
            if (brace < 0)
            {
                segments.Add((rest.ToString(), false));
                break;
            }

            if (brace > 0)
            {
                segments.Add((rest[..brace].ToString(), false));
            }

            var end = rest[brace] == '{' ? rest[brace..].IndexOf('}') : -1;
            var name = end > 1 ? rest.Slice(brace + 1, end - 1) : default;
            if (name.IsEmpty || !char.IsAsciiLetterLower(name[0]) || name.ContainsAnyExcept(NameCharacters))
            {
                problem = $"a brace at character {template.Length - rest.Length + brace + 1} is not a placeholder such as {{date}}";
                return null;
            }

            segments.Add((name.ToString(), true));
            placeholders.Add(name.ToString());
            rest = rest[(brace + end + 1)..];
        }

        problem = null;
        return new MessageTemplate([.. segments], placeholders);
    }

    /// <summary>Appends the template with its placeholders filled: a literal as it is, a phrase rendered by <paramref name="render"/>.</summary>
    public void AppendTo(StringBuilder text, IReadOnlyList<MessageArgument> arguments, Action<StringBuilder, MessageText> render)
    {
        foreach (var (segment, isPlaceholder) in segments)
        {
            if (!isPlaceholder)
            {
                text.Append(segment);
                continue;
            }

            var argument = Find(arguments, segment);
            if (argument?.Value is { } value)
            {
                text.Append(value);
            }
            else if (argument?.Text is { } phrase)
            {
                render(text, phrase);
            }
            else
            {
                // A missing argument shows as its placeholder; the catalog tests make sure none is missing.
                text.Append('{').Append(segment).Append('}');
            }
        }
    }

    private static MessageArgument? Find(IReadOnlyList<MessageArgument> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name == name)
            {
                return arguments[i];
            }
        }

        return null;
    }

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
}
