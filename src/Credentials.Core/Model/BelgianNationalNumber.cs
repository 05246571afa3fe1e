using System.Diagnostics.CodeAnalysis;

namespace Credentials.Model;

/// <summary>
/// A Belgian national number (INSZ/NISS) or BIS number, validated: 11 digits <c>YYMMDDSSSCC</c> with the check
/// <c>CC = 97 − (YYMMDDSSS mod 97)</c>, or for births from 2000 on <c>97 − ((2000000000 + YYMMDDSSS) mod 97)</c>,
/// the branch that matches telling the century. A BIS number adds 40 to the month (sex known at assignment) or 20
/// (unknown); day and month may be 00 when unknown. The sequence 000 and 999 is never issued.
/// </summary>
public readonly record struct BelgianNationalNumber
{
    private BelgianNationalNumber(string digits, int year, int month, int day, bool isBis)
    {
        Digits = digits;
        BirthYear = year;
        BirthMonth = month;
        BirthDay = day;
        IsBis = isBis;
    }

    /// <summary>The eleven digits.</summary>
    public string Digits { get; }

    /// <summary>The year of birth, its century told by which branch of the check matched (1900s, or 2000s for births from 2000 on).</summary>
    public int BirthYear { get; }

    /// <summary>The month of birth, 0 when unknown.</summary>
    public int BirthMonth { get; }

    /// <summary>The day of birth, 0 when unknown.</summary>
    public int BirthDay { get; }

    /// <summary>Whether it is a BIS number (month plus 20 or 40): the number of someone not in the National Register, such as an insured person living abroad.</summary>
    public bool IsBis { get; }

    /// <summary>The date of birth when the number gives day and month.</summary>
    public DateOnly? BirthDate => BirthMonth > 0 && BirthDay > 0 ? new DateOnly(BirthYear, BirthMonth, BirthDay) : null;

    /// <summary>Accepts the 11 digits alone or printed <c>YY.MM.DD-SSS.CC</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BelgianNationalNumber number, [NotNullWhen(false)] out Labels.MessageText? error)
    {
        number = default;
        var digits = text is null ? string.Empty : string.Concat(text.Where(c => c is not ('.' or '-' or ' ')));
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            error = ValueMessages.NationalNumberLength();
            return false;
        }

        var body = long.Parse(digits.AsSpan(0, 9), System.Globalization.CultureInfo.InvariantCulture);
        var check = int.Parse(digits.AsSpan(9, 2), System.Globalization.CultureInfo.InvariantCulture);
        int century;
        if (97 - (body % 97) == check)
        {
            century = 1900;
        }
        else if (97 - ((2_000_000_000 + body) % 97) == check)
        {
            century = 2000;
        }
        else
        {
            error = ValueMessages.NationalNumberCheck();
            return false;
        }

        var sequence = int.Parse(digits.AsSpan(6, 3), System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(digits.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(digits.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        var isBis = month is >= 20 and <= 32 or >= 40 and <= 52;
        month -= month >= 40 ? 40 : month >= 20 ? 20 : 0;
        var year = century + int.Parse(digits.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (sequence is 0 or 999 || month > 12 || day > 31 || (month > 0 && day > DateTime.DaysInMonth(year, month)))
        {
            error = ValueMessages.NationalNumberEncoding();
            return false;
        }

        number = new BelgianNationalNumber(digits, year, month, day, isBis);
        error = null;
        return true;
    }

    /// <summary>As printed on cards: <c>YY.MM.DD-SSS.CC</c>.</summary>
    public string Printed => $"{Digits[..2]}.{Digits[2..4]}.{Digits[4..6]}-{Digits[6..9]}.{Digits[9..]}";

    /// <summary>The eleven digits, as the ISI+ token's <c>nn</c> carries them. Personal data: never for logs or messages.</summary>
    public override string ToString() => Digits ?? string.Empty;
}
