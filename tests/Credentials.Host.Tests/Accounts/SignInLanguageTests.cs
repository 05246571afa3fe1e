using System.Net;
using System.Text.RegularExpressions;
using Credentials.Host.Pages;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// The sign-in page has the language switch the other pages have: one link per language, each keeping the page to
/// return to, and following one shows the page in that language.
/// </summary>
public sealed partial class SignInLanguageTests
{
    [Fact]
    public async Task The_sign_in_page_switches_language_and_keeps_the_way_back()
    {
        using var scenario = new HostScenario();
        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        var english = await client.GetStringAsync(new Uri("/signin?returnUrl=%2Fissue", UriKind.Relative));

        var languageSwitch = Switch().Match(english);
        Assert.True(languageSwitch.Success, "no language switch on the sign-in page");
        var links = LanguageLink().Matches(languageSwitch.Value).ToDictionary(m => m.Groups["code"].Value, m => WebUtility.HtmlDecode(m.Groups["href"].Value));
        Assert.Equal(LanguageChoice.All("en").Select(l => l.Code).Order(StringComparer.Ordinal), links.Keys.Order(StringComparer.Ordinal));
        Assert.All(links, link => Assert.Equal($"/signin?lang={link.Key}&returnUrl=%2Fissue", link.Value));

        var dutch = await client.GetStringAsync(new Uri(links["nl"], UriKind.Relative));
        Assert.Contains("<html lang=\"nl\"", dutch, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/issue\"", dutch, StringComparison.Ordinal);
    }

    [GeneratedRegex("<nav class=\"languages\"[^>]*>.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Switch();

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\" hreflang=\"(?<code>[a-z]+)\"")]
    private static partial Regex LanguageLink();
}
