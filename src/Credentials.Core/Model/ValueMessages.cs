using Credentials.Labels;

namespace Credentials.Model;

/// <summary>Why a value is not a date of birth, an institution id or a Belgian national number, as keys of the label data.</summary>
internal static class ValueMessages
{
    public static MessageText DateOfBirthFormat() => MessageText.Of("dateOfBirth.format");

    public static MessageText DateOfBirthNotInCalendar() => MessageText.Of("dateOfBirth.notInCalendar");

    public static MessageText InstitutionIdLength(int min, int max, int length) => MessageText.Of("institutionId.length", ("min", min), ("max", max), ("length", length));

    public static MessageText InstitutionIdCharacters() => MessageText.Of("institutionId.characters");

    /// <summary>An institution id given by a user or a list (not personal data): quoted, at most 40 characters of it.</summary>
    public static MessageText InstitutionIdFormat(string value) => MessageText.Of("institutionId.format", ("value", Shorten(value)));

    public static MessageText InstitutionIdCountry(string country, string value) => MessageText.Of("institutionId.country", ("country", Shorten(country)), ("value", Shorten(value)));

    public static MessageText NationalNumberLength() => MessageText.Of("nationalNumber.length");

    public static MessageText NationalNumberCheck() => MessageText.Of("nationalNumber.check");

    public static MessageText NationalNumberEncoding() => MessageText.Of("nationalNumber.encoding");

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
