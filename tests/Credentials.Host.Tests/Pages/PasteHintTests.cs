using Credentials.Host.Pages;
using Credentials.Host.Tests.OpenId4Vci;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Pages;

/// <summary>
/// The verify page's hint about the QR text is true of every document: no prefix is promised (the first characters
/// follow from the compressor's header, so they differ between issuers: this product's texts start with NCF, the
/// EC specification's examples with 6BF), only that it is Base45 (RFC 9285 §4: capitals, digits and nine signs), in
/// every language the page speaks.
/// </summary>
public sealed class PasteHintTests
{
    /// <summary>RFC 9285 §4: the 45 characters of Base45.</summary>
    private const string Base45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    [Fact]
    public void The_hint_promises_no_prefix_and_says_Base45_in_every_language_and_every_document_we_issue_is_Base45()
    {
        using var scenario = new HostScenario();
        string[] texts = [scenario.IssuePrc().QrText, WalletImportHost.StoreEhic(scenario).QrText, WalletImportHost.StoreIsiPlus(scenario).QrText];
        Assert.All(texts, text => Assert.True(text.All(Base45.Contains), "a QR text outside the Base45 alphabet"));
        // What the hint once said is false of what this product issues.
        Assert.All(texts, text => Assert.False(text.StartsWith("6BF", StringComparison.Ordinal)));

        Assert.Equal(["de", "en", "fr", "nl"], PageLabels.Languages);
        foreach (var language in PageLabels.Languages)
        {
            var hint = PageLabels.Get(language).PasteHint;
            Assert.Contains("Base45", hint, StringComparison.Ordinal);
            Assert.DoesNotContain("6BF", hint, StringComparison.Ordinal);
            Assert.DoesNotContain(texts[0][..3], hint, StringComparison.Ordinal);
            // The signs it names are Base45's nine.
            Assert.Contains("$ % * + - . / :", hint, StringComparison.Ordinal);
        }
    }
}
