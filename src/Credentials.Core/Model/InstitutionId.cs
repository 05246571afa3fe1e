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
        TryCreate(country, localId, out var id, out var error) ? id : throw new FormatException(error.ToString());

    public static bool TryCreate(IssuingCountry country, string? localId, out InstitutionId id, [NotNullWhen(false)] out Labels.MessageText? error)
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
    public static bool TryParse(string? value, out InstitutionId id, [NotNullWhen(false)] out Labels.MessageText? error)
    {
        id = default;
        var colon = value?.IndexOf(':') ?? -1;
        if (value is null || colon < 0)
        {
            error = ValueMessages.InstitutionIdFormat(value ?? string.Empty);
            return false;
        }

        if (!IssuingCountry.TryParse(value[..colon], out var country, out _))
        {
            error = ValueMessages.InstitutionIdCountry(value[..colon], value);
            return false;
        }

        return TryCreate(country, value[(colon + 1)..], out id, out error);
    }

    public static InstitutionId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error.ToString());

    /// <summary>Null when <paramref name="localId"/> is a valid local id; otherwise why it is not.</summary>
    public static Labels.MessageText? DescribeLocalIdProblem(string? localId)
    {
        if (localId is null || localId.Length is < MinLocalIdLength or > MaxLocalIdLength)
        {
            return ValueMessages.InstitutionIdLength(MinLocalIdLength, MaxLocalIdLength, localId?.Length ?? 0);
        }

        foreach (var c in localId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return ValueMessages.InstitutionIdCharacters();
            }
        }

        return null;
    }

    public override string ToString() => $"{Country.Code}:{LocalId}";
}
