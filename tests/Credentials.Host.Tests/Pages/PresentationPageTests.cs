using Credentials.Host.Tests.Support;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.Pages;

/// <summary>
/// A wallet presentation on the verify page in a real headless Chromium: the page shows the audience and a fresh
/// nonce; a presentation with key binding to them, pasted, is Approved with its ten steps and offers its export as
/// JSON only; the same presentation pasted again on a fresh form (a new nonce) is rejected at key binding.
/// </summary>
public sealed class PresentationPageTests(PageFixture fixture) : IClassFixture<PageFixture>, IDisposable
{
    private readonly WalletPresentations wallet = new(fixture.Scenario);

    private async Task<IPage> OpenAsync()
    {
        Chromium.Require();
        var context = await fixture.Chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.Url("verify").ToString());
        return page;
    }

    private static async Task<List<(string Step, string Result)>> StepsAsync(IPage page)
    {
        var rows = page.Locator("section.report table.steps tbody tr");
        var steps = new List<(string, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            steps.Add((await rows.Nth(i).GetAttributeAsync("data-step") ?? "", await rows.Nth(i).GetAttributeAsync("data-result") ?? ""));
        }

        return steps;
    }

    [SkippableFact]
    public async Task A_presentation_pasted_with_key_binding_to_the_page_s_nonce_is_approved_with_its_steps()
    {
        var page = await OpenAsync();
        var audience = await page.Locator("#audience").InnerTextAsync();
        var nonce = await page.Locator("#nonce").InnerTextAsync();
        Assert.Equal(fixture.Host.Address.ToString().TrimEnd('/'), audience);
        Assert.Equal(22, nonce.Length);
        var presentation = wallet.Present(audience, nonce);

        await page.GetByLabel("QR text").FillAsync(presentation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();

        Assert.Equal("Approved", await page.Locator("section.report .conclusion").GetAttributeAsync("data-conclusion"));
        Assert.Equal([.. Enumerable.Range(1, 10).Select(n => (n.ToString(System.Globalization.CultureInfo.InvariantCulture), "PASSED"))], await StepsAsync(page));
        var steps = await page.Locator("table.steps").InnerTextAsync();
        Assert.Contains("Key binding", steps, StringComparison.Ordinal);
        Assert.Contains("Signature and trust", steps, StringComparison.Ordinal);
        Assert.Contains("Wallet credential (urn:eudi:ehic:1)", await page.Locator("section.report h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.Locator("p.note").AllAsync());
        Assert.Empty(await page.GetByRole(AriaRole.Button, new() { Name = "Download the export (PDF)" }).AllAsync());
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export (JSON)" }).ClickAsync());
        var export = await File.ReadAllTextAsync(await json.PathAsync());
        Assert.Contains("\"schema\": \"credentials:verification-export:2.0\"", export, StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "host-verify-presentation-approved");

        // A fresh form has a fresh nonce: the same presentation pasted again is a replay, rejected at key binding.
        await page.GetByRole(AriaRole.Link, new() { Name = "Verify another document" }).ClickAsync();
        Assert.NotEqual(nonce, await page.Locator("#nonce").InnerTextAsync());
        await page.GetByLabel("QR text").FillAsync(presentation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Rejected", await page.Locator("section.report .conclusion").GetAttributeAsync("data-conclusion"));
        Assert.Contains("KEY_BINDING_NONCE_MISMATCH", await page.Locator("section.report .conclusion").InnerTextAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_presentation_without_key_binding_is_approved_and_the_page_says_it_came_without()
    {
        var page = await OpenAsync();
        await page.GetByLabel("QR text").FillAsync(wallet.PresentWithoutKeyBinding());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Approved", await page.Locator("section.report .conclusion").GetAttributeAsync("data-conclusion"));
        Assert.Contains("without key binding", await page.Locator("p.note").InnerTextAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => wallet.Dispose();
}
