using Microsoft.Playwright;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, never a browser Playwright downloads), headless, driven by Playwright
/// for .NET: quiet (no background networking, component updates, sync or first-run), with a proxy that closes every
/// connection, and without the sandbox when run as root (CI runs as root).
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private Chromium(IPlaywright playwright, IBrowser browser, ClosedProxy proxy)
    {
        Playwright = playwright;
        Browser = browser;
        Proxy = proxy;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    private ClosedProxy Proxy { get; }

    /// <summary>Skips (fails under CI) when Debian's chromium is not installed.</summary>
    public static void Require() => TestEnvironment.RequireFile(ExecutablePath, "Debian's chromium (apt-get install chromium)");

    public static async Task<Chromium> LaunchAsync(params string[] extraArguments)
    {
        var proxy = new ClosedProxy();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        string[] arguments =
        [
            $"--proxy-server=http://127.0.0.1:{proxy.Port}",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-default-apps",
            "--disable-extensions",
            "--no-sandbox",
            .. extraArguments,
        ];
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = arguments });
        return new Chromium(playwright, browser, proxy);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Proxy.Dispose();
    }
}
