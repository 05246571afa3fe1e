using Credentials.Host.Issuing;

namespace Credentials.Host.Tests.Issuing;

/// <summary>The insurer pages' labels: every language has every label of the English file, none empty.</summary>
public sealed class IssuingLabelsTests
{
    [Fact]
    public void Every_language_has_every_label()
    {
        Assert.Equal(["de", "en", "fr", "nl"], IssuingLabels.Languages);
        var english = IssuingLabels.Get("en").Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var code in IssuingLabels.Languages)
        {
            var labels = IssuingLabels.Get(code);
            Assert.Equal(english, labels.Keys.Order(StringComparer.Ordinal).ToList());
            Assert.All(english, key => Assert.False(string.IsNullOrWhiteSpace(labels[key]), $"{code}: {key}"));
        }
    }
}
