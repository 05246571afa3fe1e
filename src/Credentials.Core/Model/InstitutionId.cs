using System.Diagnostics.CodeAnalysis;

namespace Credentials.Model;

/// <summary>
/// An institution's EESSI OfficialID, written <c>CC:localId</c> (e.g. <c>BE:0120</c>): the authentic source
/// of a document is <c>ic + ":" + ii</c> (EC ePRC spec §2). The local id is 4 to 10 letters or digits.
/// </summary>
public readonly record struct InstitutionId
{
    /// <summary>The shortest local id the EESSI repository has (4 characters, <c>prc.ii</c>).</summary>
    public const int MinLocalIdLength = 4;

    /// <summary>The longest local id the EESSI repository has (10 characters, <c>prc.ii</c>).</summary>
    public const int MaxLocalIdLength = 10;

    private InstitutionId(IssuingCountry country, string localId)
    {
        Country = country;
        LocalId = localId;
    }

    /// <summary>The institution's country (<c>prc.ic</c>, EESSI <c>countryCode</c>).</summary>
    public IssuingCountry Country { get; }

    /// <summary>The institution identification number within its country (`prc.ii`, EESSI `officialID`).</summary>
    public string LocalId { get; }

    /// <summary>The id of a country and a local id; a <see cref="FormatException"/> says why the local id is not one (4 to 10 ASCII letters or digits).</summary>
    public static InstitutionId Create(IssuingCountry country, string localId) =>
        TryCreate(country, localId, out var id, out var error) ? id : throw new FormatException(error.ToString());

    /// <summary>The id of a country and a local id, or false with the reason (4 to 10 ASCII letters or digits; digits only is a convention, not a rule).</summary>
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

    /// <summary>Parses <c>CC:localId</c>, e.g. <c>BE:0120</c>; a <see cref="FormatException"/> says what is wrong.</summary>
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

    /// <summary>The OfficialID as EESSI writes it, <c>CC:localId</c>.</summary>
    public override string ToString() => $"{Country.Code}:{LocalId}";
}
