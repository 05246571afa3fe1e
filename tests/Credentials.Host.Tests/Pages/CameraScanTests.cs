using Credentials.Host.Tests.Support;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.Pages;

/// <summary>The camera scan: the page reads our QR code from Chromium's fake camera with its own QR reader and verifies it.</summary>
public sealed class CameraScanTests(CameraFixture fixture) : IClassFixture<CameraFixture>
{
    [SkippableFact]
    public async Task Our_QR_code_filmed_by_the_camera_is_read_in_the_page_and_approved()
    {
        Chromium.Require();
        var context = await fixture.Chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { Permissions = ["camera"], Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.Url("verify").ToString());
        var camera = page.GetByRole(AriaRole.Button, new() { Name = "Scan with the camera" });
        await camera.WaitForAsync();
        await camera.ClickAsync();
        await page.Locator("section.report").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal("Approved", await page.Locator("section.report .conclusion").GetAttributeAsync("data-conclusion"));
        Assert.Equal(8, await page.Locator("table.steps tbody tr").CountAsync());
        Assert.DoesNotContain(fixture.Document.QrText[..16], Uri.UnescapeDataString(page.Url), StringComparison.Ordinal);
    }
}
