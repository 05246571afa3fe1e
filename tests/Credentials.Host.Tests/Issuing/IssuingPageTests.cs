using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// The insurer's pages in a real headless Chromium, signed in with an operator's API key: the issue form → the PDF
/// downloaded → approved by the host's own verify API (step 6 against the host's own revocation list over HTTP); a
/// form with errors shows each beside its field; the documents page finds a document by number and suspends and
/// revokes it; the lists page shows what the host serves; without signing in the pages send the browser to the sign-in page.
/// </summary>
public sealed class IssuingPageTests(IssuingPageFixture fixture) : IClassFixture<IssuingPageFixture>
{
    private async Task<IPage> OpenAsync(string path, string? apiKey = null)
    {
        Chromium.Require();
        var context = await fixture.Chromium!.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
            AcceptDownloads = true,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = apiKey ?? fixture.Issuing.Operator0120 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.Url(path).ToString());
        return page;
    }

    private static async Task FillPrcAsync(IPage page, string familyName = "Dupont-Müller", string dateOfBirth = "1987-04-00")
    {
        await page.FillAsync("#in", "CM");
        await page.FillAsync("#fn", familyName);
        await page.FillAsync("#gn", "Émilie Zoë");
        await page.FillAsync("#dob", dateOfBirth);
        await page.FillAsync("#hi", "87040012345");
        await page.FillAsync("#ci", "01200000012345678901");
        await page.FillAsync("#sd", "2026-06-01");
        await page.FillAsync("#ed", "2026-09-30");
        await page.FillAsync("#xd", "2028-06-15");
    }

    [SkippableFact]
    public async Task The_issue_form_gives_a_PDF_that_the_hosts_verify_API_approves_and_a_wallet_offer_form()
    {
        var page = await OpenAsync("issue");
        Assert.Equal(["BE:0120"], await page.Locator("#institution option").AllInnerTextsAsync());
        await FillPrcAsync(page);
        await Screenshots.TakeAsync(page, "host-issue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();

        Assert.Equal("Document issued", await page.Locator("#issued-title").InnerTextAsync());
        var id = await page.Locator("#issued-id").InnerTextAsync();
        Assert.Equal("/offers/new", await page.Locator("#wallet-offer").GetAttributeAsync("action"));
        Assert.Equal(id, await page.Locator("#wallet-offer input[name=document]").GetAttributeAsync("value"));
        Assert.Equal(1, await page.Locator("#wallet-offer input[name=__RequestVerificationToken]").CountAsync());
        Assert.DoesNotContain("Dupont", page.Url, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-pdf"));
        Assert.Null(await download.FailureAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = fixture.Host.Address };
        using var verified = await http.PostAsync("api/v1/verify", new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var export = JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Approved", export.GetProperty("conclusion").GetString());

        // Step 6 read the host's own signed list over HTTP: the document is not on it.
        var status = export.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 6);
        Assert.Equal("PASSED", status.GetProperty("result").GetString());
    }

    [SkippableFact]
    public async Task A_form_with_errors_shows_each_problem_beside_its_field_and_keeps_the_values()
    {
        var page = await OpenAsync("issue?kind=prc");
        await FillPrcAsync(page, familyName: new string('A', 60), dateOfBirth: "1987-13-01");
        await page.FillAsync("#ed", "2026-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue", Exact = true }).ClickAsync();

        Assert.True(await page.Locator("#problems").IsVisibleAsync());
        Assert.Equal(1, await page.Locator(".field[data-field=fn] .field-problem").CountAsync());
        Assert.Equal(1, await page.Locator(".field[data-field=dob] .field-problem").CountAsync());
        Assert.True(await page.Locator(".field[data-field=sd] .field-problem, .field[data-field=ed] .field-problem").CountAsync() >= 1);
        Assert.Equal(0, await page.Locator(".field[data-field=gn] .field-problem").CountAsync());
        Assert.Equal("true", await page.Locator("#fn").GetAttributeAsync("aria-invalid"));
        Assert.Equal("1987-13-01", await page.Locator("#dob").InputValueAsync());
        Assert.Equal(0, await page.Locator("#issued-id").CountAsync());
        await Screenshots.TakeAsync(page, "host-issue-problems");

        // The same problems in Dutch, from the message catalog.
        var dutch = await OpenAsync("issue?kind=prc&lang=nl");
        await FillPrcAsync(dutch, dateOfBirth: "1987-13-01");
        await dutch.GetByRole(AriaRole.Button, new() { Name = "Uitgeven", Exact = true }).ClickAsync();
        var message = await dutch.Locator(".field[data-field=dob] .field-problem").InnerTextAsync();
        Assert.NotEqual(await page.Locator(".field[data-field=dob] .field-problem").InnerTextAsync(), message);
    }

    [SkippableFact]
    public async Task The_documents_page_finds_a_document_by_number_and_suspends_reinstates_and_revokes_it()
    {
        const string Id = "d0c5a1e2-0000-4000-8000-000000000010";
        using (var api = new HttpClient { BaseAddress = fixture.Host.Address })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Issuing.Operator0120);
            using var issued = await api.PostAsync("api/v1/documents", IssuingHost.Json(fixture.Issuing.PrcRequest(IssuingHost.Be0120, Id)));
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        var page = await OpenAsync("documents");
        await page.FillAsync("#number", Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var row = page.Locator($"tr[data-id='{Id}']");
        Assert.Equal("valid", await row.GetAttributeAsync("data-state"));
        Assert.DoesNotContain(Id, page.Url, StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        Assert.Equal("suspended", await page.Locator($"tr[data-id='{Id}']").GetAttributeAsync("data-state"));
        Assert.Contains("Suspended", await page.Locator("#changed").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "host-documents");
        await page.Locator($"tr[data-id='{Id}']").GetByRole(AriaRole.Button, new() { Name = "Reinstate" }).ClickAsync();
        Assert.Equal("valid", await page.Locator($"tr[data-id='{Id}']").GetAttributeAsync("data-state"));
        await page.Locator($"tr[data-id='{Id}']").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        Assert.Equal("revoked", await page.Locator($"tr[data-id='{Id}']").GetAttributeAsync("data-state"));
        Assert.Equal(0, await page.Locator($"tr[data-id='{Id}'] button").CountAsync());

        // The other institution's operator does not find it.
        var other = await OpenAsync("documents", fixture.Issuing.Operator0121);
        await other.FillAsync("#number", Id);
        await other.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        Assert.True(await other.Locator("#none").IsVisibleAsync());
    }

    [SkippableFact]
    public async Task The_lists_page_shows_the_keys_the_registry_and_the_revocation_lists_the_host_signs()
    {
        var page = await OpenAsync("lists");
        Assert.Equal(2, await page.Locator("table.keys tbody tr").CountAsync());
        var lists = await page.Locator("table.revocation-lists tbody tr").AllInnerTextsAsync();
        Assert.Contains(lists, l => l.Contains("BE:0120", StringComparison.Ordinal) && l.Contains(fixture.Host.Url("revocation/BE-0120/documents").ToString(), StringComparison.Ordinal));
        Assert.Contains("2 institution(s)", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "host-lists");
    }

    [SkippableFact]
    public async Task Without_signing_in_the_pages_send_the_browser_to_the_sign_in_page()
    {
        Chromium.Require();
        var page = await fixture.Chromium!.Browser.NewPageAsync();
        foreach (var path in new[] { "issue", "documents", "lists" })
        {
            await page.GotoAsync(fixture.Host.Url(path).ToString());
            var landed = new Uri(page.Url);
            Assert.Equal("/signin", landed.AbsolutePath);
            Assert.Contains("returnUrl=%2F" + path, landed.Query, StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#issue-form, #search-form, table.keys").CountAsync());
        }

        // A form posted without a session is refused too, before anything is read.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.Address };
        using var posted = await http.PostAsync("issue", new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "prc", ["fn"] = "Dupont" }));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, posted.StatusCode);
    }
}
