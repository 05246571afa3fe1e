using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Credentials.Model;

/// <summary>
/// The issuing state of a portable document (S2 field 2), as the enum of the EC ePRC schema (§2, `prc.ic`).
/// The schema uses <c>GR</c> and <c>UK</c>; other EU texts write Greece as <c>EL</c>, which is accepted
/// on input and normalised to <c>GR</c>.
/// </summary>
public readonly record struct IssuingCountry
{
    /// <summary>The codes of the schema's enum, in its order.</summary>
    public static IReadOnlyList<string> SchemaCodes { get; } =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "UK",
    ];

    private static readonly FrozenSet<string> Codes = SchemaCodes.ToFrozenSet(StringComparer.Ordinal);

    private IssuingCountry(string code) => Code = code;

    /// <summary>The two-letter code as the schema writes it.</summary>
    public string Code { get; }

    /// <summary>Parses a code of the schema's enum, or <c>EL</c> (read as <c>GR</c>). Case-sensitive, as the schema is.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out IssuingCountry country, out bool wasAlias)
    {
        wasAlias = false;
        country = default;
        if (value is null)
        {
            return false;
        }

        if (value == "EL")
        {
            wasAlias = true;
            country = new IssuingCountry("GR");
            return true;
        }

        // The set's own instance of the code: every IssuingCountry shares one string per country, without the
        // process-wide lock of string.Intern on every parse.
        if (!Codes.TryGetValue(value, out var code))
        {
            return false;
        }

        country = new IssuingCountry(code);
        return true;
    }

    /// <summary>Parses a code, throwing <see cref="FormatException"/> naming the value when it is not one.</summary>
    public static IssuingCountry Parse(string value) =>
        TryParse(value, out var country, out _)
            ? country
            : throw new FormatException($"'{value}' is not an issuing country of the ePRC schema (expected one of {string.Join(' ', SchemaCodes)}, or EL for Greece).");

    /// <summary>The code as the schema writes it (<c>GR</c> for Greece, even when read from <c>EL</c>).</summary>
    public override string ToString() => Code ?? string.Empty;
}
