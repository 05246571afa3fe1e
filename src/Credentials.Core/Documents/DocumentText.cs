using System.Diagnostics.CodeAnalysis;
using Credentials.Labels;

namespace Credentials.Documents;

/// <summary>
/// The rule for a printed text field of a document: not blank, no control characters (they cannot be printed on
/// the form), at most so many characters, counted as JSON Schema's <c>maxLength</c> counts (code points). The
/// rule is data shared by every reader (QR token, request, form) and by the documents' constructors.
/// </summary>
public sealed class DocumentText
{
    private DocumentText(DocumentField field, string description, int maxLength)
    {
        Field = field;
        Description = description;
        MaxLength = maxLength;
    }

    // Length limits of Decision S2 (EC ePRC spec §2).
    /// <summary>S2 field 3 (<c>prc.fn</c>): at most 40 characters.</summary>
    public static DocumentText FamilyName { get; } = new(DocumentField.FamilyName, "the family name", 40);

    /// <summary>S2 field 4 (<c>prc.gn</c>): at most 35 characters.</summary>
    public static DocumentText GivenNames { get; } = new(DocumentField.GivenNames, "the given names", 35);

    /// <summary>S2 field 6 (<c>prc.hi</c>): at most 20 characters, in any national format (never checked as one country's number).</summary>
    public static DocumentText PersonalIdentificationNumber { get; } = new(DocumentField.PersonalIdentificationNumber, "the personal identification number", 20);

    /// <summary>S2 field 7, second part (<c>prc.in</c>): the institution's acronym or name, at most 21 characters.</summary>
    public static DocumentText InstitutionName { get; } = new(DocumentField.InstitutionName, "the institution's name", 21);

    /// <summary>S2 field 8 (<c>prc.ci</c>): at most 20 characters (commonly the institution id and a 10-digit serial).</summary>
    public static DocumentText CardNumber { get; } = new(DocumentField.CardNumber, "the card number", 20);

    /// <summary>The field the rule is for.</summary>
    public DocumentField Field { get; }

    /// <summary>The field for messages, in English ("the family name").</summary>
    public string Description { get; }

    /// <summary>The field for messages, to be rendered in any language.</summary>
    public MessageText DescriptionText => DocumentMessages.Field(Field);

    /// <summary>The most characters (code points) allowed.</summary>
    public int MaxLength { get; }

    /// <summary>What is wrong with <paramref name="value"/> in English, or null. The message never quotes the value.</summary>
    public string? Problem([NotNullWhen(false)] string? value) => Check(value)?.Text.ToString();

    /// <summary>What is wrong with <paramref name="value"/> as a finding's code and text, or null.</summary>
    public (Model.FindingCode Code, MessageText Text)? Check([NotNullWhen(false)] string? value)
    {
        if (value is null)
        {
            return (Model.FindingCode.SchemaViolation, DocumentMessages.TextMissing(DescriptionText));
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return (Model.FindingCode.SchemaViolation, value.Length == 0 ? DocumentMessages.TextEmpty() : DocumentMessages.TextBlank());
        }

        // The schema allows any string; nothing that cannot be printed on the form is signed or shown.
        if (HasControlCharacter(value))
        {
            return (Model.FindingCode.ControlCharacter, DocumentMessages.TextControlCharacter());
        }

        var length = CodePoints(value);
        return length > MaxLength ? (Model.FindingCode.SchemaViolation, DocumentMessages.TextTooLong(length, MaxLength)) : null;
    }

    /// <summary>The value when it follows the rule; otherwise an <see cref="ArgumentException"/> naming the field and the problem.</summary>
    public string Require(string? value, string parameterName) =>
        Problem(value) is { } problem ? throw new ArgumentException($"{Description}: {problem}", parameterName) : value!;

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>JSON Schema's maxLength counts code points (RFC 8259 characters), not UTF-16 units.</summary>
    public static int CodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Without surrogates (all of the Latin, Greek and Cyrillic scripts) a UTF-16 unit is a code point.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
