namespace Credentials.Labels;

/// <summary>
/// A sentence for people, kept as a message key and its named arguments so that it can be rendered in any language
/// of the <see cref="MessageCatalog"/>: a finding, a step's result, a status reason. <see cref="ToString"/> is the
/// English text. Two texts are equal when their keys and arguments are.
/// </summary>
public sealed class MessageText : IEquatable<MessageText>
{
    private readonly MessageArgument[] arguments;
    private readonly MessageText[]? parts;

    private MessageText(string? key, MessageArgument[] arguments, string? untranslated, MessageText[]? parts, string? separator)
    {
        Key = key;
        this.arguments = arguments;
        UntranslatedText = untranslated;
        this.parts = parts;
        Separator = separator;
    }

    /// <summary>The text that renders as nothing in every language.</summary>
    public static MessageText Empty { get; } = new(null, [], string.Empty, null, null);

    /// <summary>The key of the catalog's template; null for an untranslated or joined text.</summary>
    public string? Key { get; }

    /// <summary>The arguments that fill the template's placeholders.</summary>
    public IReadOnlyList<MessageArgument> Arguments => arguments;

    /// <summary>Text shown as given in every language (not in the catalog); null otherwise.</summary>
    public string? UntranslatedText { get; }

    /// <summary>The texts a joined text is made of, in order; empty otherwise.</summary>
    public IReadOnlyList<MessageText> Parts => parts ?? [];

    /// <summary>What stands between the parts of a joined text.</summary>
    public string? Separator { get; }

    /// <summary>The catalog's template <paramref name="key"/> with its arguments.</summary>
    public static MessageText Of(string key, params ReadOnlySpan<MessageArgument> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new MessageText(key, arguments.ToArray(), null, null, null);
    }

    /// <summary>
    /// Text that is not in the catalog, shown as given in every language: only for text that comes from elsewhere
    /// (a library's explanation, a status checker that gives a sentence of its own).
    /// </summary>
    public static MessageText Untranslated(string text) => new(null, [], text ?? throw new ArgumentNullException(nameof(text)), null, null);

    /// <summary>Several texts as one, each rendered in the same language, with <paramref name="separator"/> between them.</summary>
    public static MessageText Join(string separator, IEnumerable<MessageText> texts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(texts);
        var all = texts.ToArray();
        return all.Length == 1 ? all[0] : new MessageText(null, [], null, all, separator);
    }

    /// <summary>The text in <paramref name="language"/>; an unknown language is an <see cref="ArgumentException"/> naming the languages.</summary>
    public string Render(string language) => MessageCatalog.Get(language).Render(this);

    /// <summary>The English text.</summary>
    public override string ToString() => MessageCatalog.English.Render(this);

    /// <summary>Equal when the key, the arguments, an untranslated text and the joined parts are: the same message, whatever language it is later shown in.</summary>
    public bool Equals(MessageText? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Key == other.Key && UntranslatedText == other.UntranslatedText && Separator == other.Separator
                && arguments.AsSpan().SequenceEqual(other.arguments) && Parts.SequenceEqual(other.Parts)));

    /// <inheritdoc cref="Equals(MessageText)"/>
    public override bool Equals(object? obj) => Equals(obj as MessageText);

    /// <summary>A hash over the key, the untranslated text, the arguments and the parts, agreeing with <see cref="Equals(MessageText)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key);
        hash.Add(UntranslatedText);
        foreach (var argument in arguments)
        {
            hash.Add(argument);
        }

        foreach (var part in Parts)
        {
            hash.Add(part);
        }

        return hash.ToHashCode();
    }
}
