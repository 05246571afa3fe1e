using System.Diagnostics.CodeAnalysis;

namespace Credentials.Model;

/// <summary>
/// An institution's EESSI OfficialID, written <c>CC:localId</c> (e.g. <c>BE:0120</c>): the authentic source
/// of a document is <c>ic + ":" + ii</c> (EC ePRC spec §2). The local id is 4 to 10 letters or digits.
/// </summary>
public readonly record struct InstitutionId
{
    public const int MinLocalIdLength = 4;
    public const int MaxLocalIdLength = 10;

    private InstitutionId(IssuingCountry country, string localId)
    {
        Country = country;
        LocalId = localId;
    }

    public IssuingCountry Country { get; }

    /// <summary>The institution identification number within its country (`prc.ii`, EESSI `officialID`).</summary>
    public string LocalId { get; }

    public static InstitutionId Create(IssuingCountry country, string localId) =>
        TryCreate(country, localId, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryCreate(IssuingCountry country, string? localId, out InstitutionId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        error = DescribeLocalIdProblem(localId);
        if (error is not null)
        {
            return false;
        }

        id = new InstitutionId(country, localId!);
        return true;
    }

    /// <summary>Parses <c>CC:localId</c>.</summary>
    public static bool TryParse(string? value, out InstitutionId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        var colon = value?.IndexOf(':') ?? -1;
        if (value is null || colon < 0)
        {
            error = $"'{value}' is not an institution id: expected CC:localId, e.g. BE:0120.";
            return false;
        }

        if (!IssuingCountry.TryParse(value[..colon], out var country, out _))
        {
            error = $"'{value[..colon]}' in '{value}' is not an issuing country of the ePRC schema.";
            return false;
        }

        return TryCreate(country, value[(colon + 1)..], out id, out error);
    }

    public static InstitutionId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Null when <paramref name="localId"/> is a valid local id; otherwise why it is not.</summary>
    public static string? DescribeLocalIdProblem(string? localId)
    {
        if (localId is null || localId.Length is < MinLocalIdLength or > MaxLocalIdLength)
        {
            return $"an institution id must be {MinLocalIdLength} to {MaxLocalIdLength} characters long (got {localId?.Length ?? 0}).";
        }

        foreach (var c in localId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return "an institution id may hold only the letters A-Z, a-z and the digits 0-9.";
            }
        }

        return null;
    }

    public override string ToString() => $"{Country.Code}:{LocalId}";
}
