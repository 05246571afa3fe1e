using Credentials.Host.Tests.Support;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.Pages;

/// <summary>
/// The verify page in a real headless Chromium, as a hospital clerk uses it: our PDF uploaded → Approved with every
/// step; a tampered text pasted → Rejected at step 4; the export downloads; paste and upload with JavaScript
/// disabled; keyboard only; the language switch, on the form and on the results. Results never put personal data
/// in the address bar.
/// </summary>
public sealed class VerifyPageTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private async Task<IPage> OpenAsync(bool javaScript = true)
    {
        Chromium.Require();
        var context = await fixture.Chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.Url("verify").ToString());
        return page;
    }

    private static async Task<List<(string Step, string Result)>> StepsAsync(IPage page, int report = 1)
    {
        var rows = page.Locator($"section.report:nth-of-type({report}) table.steps tbody tr");
        var steps = new List<(string, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            steps.Add((await rows.Nth(i).GetAttributeAsync("data-step") ?? "", await rows.Nth(i).GetAttributeAsync("data-result") ?? ""));
        }

        return steps;
    }

    private static async Task<string> ConclusionAsync(IPage page) =>
        await page.Locator("section.report .conclusion").First.GetAttributeAsync("data-conclusion") ?? "";

    private void AssertNoPersonalDataIn(string url)
    {
        Assert.DoesNotContain("?", new Uri(url).PathAndQuery.Replace("?lang=", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Document.QrText[..16], Uri.UnescapeDataString(url), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Our_PDF_uploaded_is_approved_with_every_step_shown_and_both_exports_download()
    {
        var page = await OpenAsync();
        await Screenshots.TakeAsync(page, "host-verify-form");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "eprc.pdf", MimeType = "application/pdf", Buffer = fixture.DocumentPdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();

        Assert.Equal("Approved", await ConclusionAsync(page));
        Assert.Equal([("1", "PASSED"), ("2", "PASSED"), ("3", "PASSED"), ("4", "PASSED"), ("5", "PASSED"), ("6", "PASSED"), ("7", "PASSED"), ("8", "PASSED")], await StepsAsync(page));
        Assert.Contains("Dupont-Müller", await page.Locator("dl.document").InnerTextAsync(), StringComparison.Ordinal);
        AssertNoPersonalDataIn(page.Url);
        await Screenshots.TakeAsync(page, "host-verify-approved");

        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export (PDF)" }).ClickAsync());
        Assert.Matches(@"^verification-\d{8}-\d{6}-approved\.pdf$", pdf.SuggestedFilename);
        var pdfBytes = await File.ReadAllBytesAsync(await pdf.PathAsync());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdfBytes, 0, 5), StringComparison.Ordinal);
        var json = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export (JSON)" }).ClickAsync());
        var export = await File.ReadAllTextAsync(await json.PathAsync());
        Assert.Contains("\"conclusion\": \"Approved\"", export, StringComparison.Ordinal);
        Assert.Contains(fixture.Document.QrText, export, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_tampered_text_pasted_is_rejected_at_step_4_and_no_later_step_runs()
    {
        var page = await OpenAsync();
        await page.GetByLabel("QR text").FillAsync(HostScenario.Tampered(fixture.Document.QrText));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();

        Assert.Equal("Rejected", await ConclusionAsync(page));
        Assert.Equal([("1", "PASSED"), ("2", "PASSED"), ("3", "PASSED"), ("4", "NOT PASSED"), ("8", "NOT PASSED")], await StepsAsync(page));
        Assert.Contains("SIGNATURE_INVALID", await page.Locator("section.report .conclusion").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await page.Locator("dl.document").AllAsync());
        await Screenshots.TakeAsync(page, "host-verify-rejected");
    }

    [SkippableFact]
    public async Task Nothing_sent_shows_the_problem_beside_the_text_field()
    {
        var page = await OpenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        var problem = page.Locator(".field.has-problem [role=alert]");
        await problem.WaitForAsync();
        Assert.Contains("Paste the QR text", await problem.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetByLabel("QR text").GetAttributeAsync("aria-invalid"));
        Assert.Contains("problem", await page.GetByLabel("QR text").GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Paste_and_upload_work_with_JavaScript_disabled()
    {
        var page = await OpenAsync(javaScript: false);
        Assert.True(await page.Locator("#camera").IsHiddenAsync(), "the camera needs JavaScript and is not offered without it");
        await page.GetByLabel("QR text").FillAsync(fixture.Document.QrText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Approved", await ConclusionAsync(page));

        await page.GotoAsync(fixture.Host.Url("verify").ToString());
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "eprc.pdf", MimeType = "application/pdf", Buffer = fixture.DocumentPdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Approved", await ConclusionAsync(page));
        Assert.Equal(8, (await StepsAsync(page)).Count);
    }

    [SkippableFact]
    public async Task The_page_is_used_with_the_keyboard_alone()
    {
        var page = await OpenAsync();

        // Tab from the top of the page to the text field, type, Tab on to the Verify button, Enter.
        async Task TabToAsync(string selector)
        {
            for (var i = 0; i < 30; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                if (await page.EvaluateAsync<bool>($"document.activeElement.matches('{selector}')"))
                {
                    return;
                }
            }

            Assert.Fail($"{selector} is not reached with Tab");
        }

        await TabToAsync("a.skip");
        await TabToAsync("#qr");
        await page.Keyboard.InsertTextAsync(fixture.Document.QrText);
        await TabToAsync("#camera-start");
        await TabToAsync("button.primary");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Approved", await ConclusionAsync(page));
        await TabToAsync("nav.languages button[lang=nl]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("html[lang=nl]").WaitForAsync();
    }

    [SkippableFact]
    public async Task The_language_switch_rewords_the_form_and_the_results_from_the_label_data()
    {
        var page = await OpenAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nederlands" }).ClickAsync();
        await page.Locator("html[lang=nl]").WaitForAsync();
        Assert.Equal("Een ziekteverzekeringsdocument controleren", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("QR-tekst").FillAsync(fixture.Document.QrText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren", Exact = true }).ClickAsync();
        await page.Locator("section.report").WaitForAsync();
        Assert.Equal("Goedgekeurd", await page.Locator("section.report .conclusion strong").InnerTextAsync());
        var dutch = await page.Locator("table.steps").InnerTextAsync();
        Assert.Contains("4. Sleutel van de uitgever opzoeken en handtekening controleren", dutch, StringComparison.Ordinal);
        Assert.Contains("GESLAAGD", dutch, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", dutch, StringComparison.Ordinal);

        // On the results, the switch posts the id they are held under: the same results, reworded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();
        await page.Locator("html[lang=de]").WaitForAsync();
        Assert.Equal("Angenommen", await page.Locator("section.report .conclusion strong").InnerTextAsync());
        var german = await page.Locator("table.steps").InnerTextAsync();
        Assert.Contains("4. Schlüssel des Ausstellers auflösen und Signatur prüfen", german, StringComparison.Ordinal);
        Assert.Contains("BESTANDEN", german, StringComparison.Ordinal);
        AssertNoPersonalDataIn(page.Url);
        await Screenshots.TakeAsync(page, "host-verify-approved-de");
    }

    [SkippableFact]
    public async Task The_front_page_leads_to_the_verify_page()
    {
        Chromium.Require();
        var page = await fixture.Chromium!.Browser.NewPageAsync();
        await page.GotoAsync(fixture.Host.Address.ToString());
        await Screenshots.TakeAsync(page, "host-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verify a document (hospitals, doctors, pharmacies)" }).ClickAsync();
        await page.Locator("#verify-form").WaitForAsync();
    }
}
