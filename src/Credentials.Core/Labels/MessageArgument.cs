using System.Globalization;

namespace Credentials.Labels;

/// <summary>
/// One named argument of a <see cref="MessageText"/>: either a value that reads the same in every language (a
/// date written yyyy-mm-dd, an institution id, a number, a member name, a URL) or a part that is itself translated.
/// Arguments never carry personal data (names, personal numbers, the QR text): a message about such a field says
/// which field, never its value.
/// </summary>
public readonly record struct MessageArgument
{
    private MessageArgument(string name, string? value, MessageText? text)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Value = value;
        Text = text;
    }

    /// <summary>The placeholder it fills: <c>date</c> fills <c>{date}</c>.</summary>
    public string Name { get; }

    /// <summary>The value shown as is in every language; null when <see cref="Text"/> is set.</summary>
    public string? Value { get; }

    /// <summary>The part rendered in the report's language; null when <see cref="Value"/> is set.</summary>
    public MessageText? Text { get; }

    /// <summary>A value shown as is in every language.</summary>
    public static MessageArgument Literal(string name, string value) => new(name, value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A date, written yyyy-mm-dd in every language (as the documents' members write it).</summary>
    public static MessageArgument Date(string name, DateOnly date) => new(name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);

    /// <summary>A whole number, written with ASCII digits and no grouping.</summary>
    public static MessageArgument Number(string name, long number) => new(name, number.ToString(CultureInfo.InvariantCulture), null);

    /// <summary>A part translated with the message.</summary>
    public static MessageArgument Phrase(string name, MessageText text) => new(name, null, text ?? throw new ArgumentNullException(nameof(text)));

    /// <c>("name", "value")</c> is a <see cref="Literal"/>: shown as is in every language.
    public static implicit operator MessageArgument((string Name, string Value) argument) => Literal(argument.Name, argument.Value);

    /// <c>("date", date)</c> is a <see cref="Date"/>: written yyyy-mm-dd in every language.
    public static implicit operator MessageArgument((string Name, DateOnly Date) argument) => Date(argument.Name, argument.Date);

    /// <c>("count", n)</c> is a <see cref="Number"/>.
    public static implicit operator MessageArgument((string Name, int Number) argument) => Number(argument.Name, argument.Number);

    /// <c>("bytes", n)</c> is a <see cref="Number"/>.
    public static implicit operator MessageArgument((string Name, long Number) argument) => Number(argument.Name, argument.Number);

    /// <c>("field", text)</c> is a <see cref="Phrase"/>: rendered in the message's language.
    public static implicit operator MessageArgument((string Name, MessageText Text) argument) => Phrase(argument.Name, argument.Text);

    /// <summary>The named alternate of the implicit conversions (CA2225).</summary>
    public static MessageArgument FromValueTuple((string Name, string Value) argument) => argument;
}
