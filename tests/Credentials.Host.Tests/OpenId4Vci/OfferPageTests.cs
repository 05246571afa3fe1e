using Credentials.Host.Accounts;
using Credentials.Host.Tests.Support;
using Credentials.Scanning;
using Credentials.Signing;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// The insurer's offer pages in a real headless Chromium: the form at <c>/offers/new</c> (antiforgery) leads to
/// <c>/offers/{id}</c>, whose QR code is read from the screenshot as a phone's camera would (ZXing, through
/// Credentials.Scanning) and redeemed by our wallet with the transaction code shown beside it. No script on the page.
/// </summary>
public sealed class OfferPageTests(WalletImportFixture fixture) : IClassFixture<WalletImportFixture>
{
    [SkippableFact]
    public async Task The_offer_qr_shown_by_the_page_is_read_from_a_screenshot_and_redeemed_by_the_wallet()
    {
        Chromium.Require();
        await using var chromium = await Chromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { [ApiKeyAuthenticationHandler.HeaderName] = WalletImportHost.ApiKey(fixture.Scenario) },
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Host.Address, "/offers/new?lang=en").AbsoluteUri);
        await page.FillAsync("#document", fixture.Ehic.Payload.TokenId!);
        await page.CheckAsync("#tx_code");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/offers/", StringComparison.Ordinal) && !url.Contains("/offers/new", StringComparison.Ordinal));

        Assert.Equal(0, await page.Locator("script").CountAsync());
        var txCode = await page.Locator("#tx-code").InnerTextAsync();
        Assert.Matches("^[0-9]{6}$", txCode);
        var link = await page.Locator("#offer-link").GetAttributeAsync("href");
        Assert.StartsWith("openid-credential-offer://?credential_offer=", link, StringComparison.Ordinal);

        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await Screenshots.TakeAsync(page, "host-offer");
        var scanned = Assert.Single(QrCodeReader.ReadAll(screenshot));
        Assert.StartsWith("openid-credential-offer://?credential_offer_uri=", scanned, StringComparison.Ordinal);

        using var holder = InMemorySigner.CreateP256();
        var credential = Assert.Single(await fixture.Wallet.ImportAsync(scanned, txCode, holder));
        Assert.Contains('~', credential);

        // The page now says the wallet took the offer; the code in the QR is spent.
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#offer-qr").CountAsync());
    }

    [SkippableFact]
    public async Task The_offer_form_refuses_a_post_without_its_antiforgery_token_and_an_unknown_document()
    {
        using var client = WalletImportHost.Operator(fixture.Scenario);
        using var forged = await client.PostAsync(new Uri(fixture.Host.Address, "/offers/new"), new FormUrlEncodedContent([new("document", fixture.Ehic.Payload.TokenId!)]));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);

        Chromium.Require();
        await using var chromium = await Chromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ExtraHTTPHeaders = new Dictionary<string, string> { [ApiKeyAuthenticationHandler.HeaderName] = WalletImportHost.ApiKey(fixture.Scenario) } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Host.Address, "/offers/new?lang=nl").AbsoluteUri);
        await page.FillAsync("#document", "no-such-document");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/offers/new", StringComparison.Ordinal));
        Assert.Equal(404, response.Status);
        Assert.Contains("Er is geen opgeslagen document met die id.", await page.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
    }
}
