using Credentials.Model;

namespace Credentials.Tests.Model;

public sealed class ValueTypeTests
{
    [Fact]
    public void Every_country_of_the_schema_enum_parses_and_EL_reads_as_GR()
    {
        Assert.Equal(32, IssuingCountry.SchemaCodes.Count);
        foreach (var code in IssuingCountry.SchemaCodes)
        {
            Assert.True(IssuingCountry.TryParse(code, out var country, out var alias));
            Assert.Equal(code, country.Code);
            Assert.False(alias);
        }

        Assert.True(IssuingCountry.TryParse("EL", out var greece, out var wasAlias));
        Assert.Equal(("GR", true), (greece.Code, wasAlias));
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("be")]
    [InlineData("")]
    [InlineData("BEL")]
    public void Codes_outside_the_enum_are_refused(string code)
    {
        Assert.False(IssuingCountry.TryParse(code, out _, out _));
        Assert.Contains(code, Assert.Throws<FormatException>(() => IssuingCountry.Parse(code)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BE:0120", "BE", "0120")]
    [InlineData("EL:12345", "GR", "12345")]
    [InlineData("DE:A1B2C3D4E5", "DE", "A1B2C3D4E5")]
    public void Institution_ids_parse(string text, string country, string localId)
    {
        var id = InstitutionId.Parse(text);
        Assert.Equal((country, localId), (id.Country.Code, id.LocalId));
        Assert.Equal($"{country}:{localId}", id.ToString());
    }

    [Theory]
    [InlineData("0120")]
    [InlineData("BE-0120")]
    [InlineData("XX:0120")]
    [InlineData("BE:012")]
    [InlineData("BE:01234567890")]
    [InlineData("BE:01 20")]
    [InlineData("BE:0120é")]
    public void Malformed_institution_ids_are_refused(string text) =>
        Assert.False(InstitutionId.TryParse(text, out _, out _));

    [Theory]
    [InlineData("2011-11-11", 2011, 11, 11, "2011-11-11")]
    [InlineData("2011-00-00", 2011, 0, 0, "2011-01-01")]
    [InlineData("2011-05-00", 2011, 5, 0, "2011-05-01")]
    [InlineData("2012-02-29", 2012, 2, 29, "2012-02-29")]
    public void Partial_dates_parse_and_compare_with_unknown_parts_as_01(string text, int year, int month, int day, string comparable)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
        Assert.Equal(DateOnly.Parse(comparable, System.Globalization.CultureInfo.InvariantCulture), date.ComparableDate);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("2011-13-01")]
    [InlineData("2011-01-32")]
    [InlineData("2011-02-29")]
    [InlineData("2011-1-1")]
    [InlineData("11-11-2011")]
    [InlineData("0000-01-01")]
    public void Impossible_partial_dates_are_refused(string text) => Assert.False(PartialDate.TryParse(text, out _, out _));

    [Fact]
    public void Finding_codes_have_stable_wire_names()
    {
        Assert.Equal("NOT_BASE_45", FindingCode.NotBase45.ToWireName());
        Assert.Equal("KEY_NOT_LINKED_TO_AUTHENTIC_SOURCE", FindingCode.KeyNotLinkedToAuthenticSource.ToWireName());
        Assert.Equal(Enum.GetValues<FindingCode>().Length, Enum.GetValues<FindingCode>().Select(c => c.ToWireName()).Distinct().Count());
    }
}
