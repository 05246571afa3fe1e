using Credentials.Model;
using Credentials.Documents;

namespace Credentials.Tests.Model;

/// <summary>INSZ/NISS and BIS numbers: the checksum in both centuries, BIS month offsets, unknown parts, the printed form.</summary>
public sealed class BelgianNationalNumberTests
{
    [Theory]
    [InlineData("85073003328", 1985, 7, 30, false)]
    [InlineData("90010100222", 1990, 1, 1, false)]
    [InlineData("15031501101", 2015, 3, 15, false)]
    [InlineData("20022912451", 2020, 2, 29, false)]
    [InlineData("04081299773", 2004, 8, 12, false)]
    [InlineData("85473000149", 1985, 7, 30, true)]
    [InlineData("92211500671", 1992, 1, 15, true)]
    [InlineData("08451201738", 2008, 5, 12, true)]
    [InlineData("85.07.30-033.28", 1985, 7, 30, false)]
    public void Valid_numbers_give_their_date_of_birth_and_kind(string text, int year, int month, int day, bool bis)
    {
        Assert.True(BelgianNationalNumber.TryParse(text, out var number, out var error), error?.ToString());
        Assert.Equal((year, month, day, bis), (number.BirthYear, number.BirthMonth, number.BirthDay, number.IsBis));
        Assert.Equal(new DateOnly(year, month, day), number.BirthDate);
    }

    [Theory]
    [InlineData("11111111111", "check digits")] // the EC example's hi: not a Belgian number
    [InlineData("85073003329", "check digits")]
    [InlineData("8507300332", "11 digits")]
    [InlineData("8507300332A", "11 digits")]
    [InlineData(null, "11 digits")]
    public void Invalid_numbers_are_refused_saying_why(string? text, string expected)
    {
        Assert.False(BelgianNationalNumber.TryParse(text, out _, out var error));
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sequence_never_issued_or_an_impossible_date_is_refused_even_with_a_right_checksum()
    {
        foreach (var body in new[] { "850730000", "850730999", "851330001", "850231001" })
        {
            var check = 97 - (long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 97);
            Assert.False(BelgianNationalNumber.TryParse($"{body}{check:00}", out _, out _), body);
        }
    }

    [Fact]
    public void An_unknown_day_and_month_give_no_full_date_and_the_printed_form_has_dots_and_a_dash()
    {
        const string body = "852000001"; // BIS, month unknown (20), day unknown (00)
        var check = 97 - (long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) % 97);
        Assert.True(BelgianNationalNumber.TryParse($"{body}{check:00}", out var number, out var error), error?.ToString());
        Assert.True(number.IsBis);
        Assert.Null(number.BirthDate);
        Assert.True(BelgianNationalNumber.TryParse("85073003328", out var printed, out _));
        Assert.Equal("85.07.30-033.28", printed.Printed);
    }

    [Theory]
    [InlineData("2026-11-28", "2015-03-15", "2027-12-31")] // a child: until 31 December of the year it turns 12
    [InlineData("2026-11-28", "2014-11-28", "2036-12-31")] // turned 12 on the day of issue: ten years
    [InlineData("2026-11-28", "1985-07-30", "2036-12-31")]
    [InlineData("2026-01-01", "2025-06-00", "2036-12-31")] // born mid-2025: turns 12 in 2037, after the ten years
    public void ISI_plus_validity_follows_the_Belgian_rule(string issued, string born, string until)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.True(PartialDate.TryParse(born, out var birth, out _));
        Assert.Equal(DateOnly.Parse(until, culture), IsiPlusValidity.Until(DateOnly.Parse(issued, culture), birth));
    }
}
