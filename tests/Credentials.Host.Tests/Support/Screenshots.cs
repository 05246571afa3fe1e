using Microsoft.Playwright;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// Screenshots of the pages for the README: written to samples/output when <c>UPDATE_SAMPLES=1</c>, else to the test's
/// temporary folder only (a test run does not change the repository).
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Environment.GetEnvironmentVariable("UPDATE_SAMPLES") == "1" ? Repository.Samples("output") : Path.Combine(Path.GetTempPath(), "credentials-host-screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
