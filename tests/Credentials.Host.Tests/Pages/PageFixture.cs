using Credentials.Host.Tests.Support;
using Credentials.Issuance;

namespace Credentials.Host.Tests.Pages;

/// <summary>
/// One host on a real Kestrel at 127.0.0.1 and one headless Chromium for a class of page tests; the document's
/// <c>rid</c> names the host's own revocation list, so step 6 is checked over HTTP as in production.
/// </summary>
public class PageFixture : IAsyncLifetime
{
    private readonly string[] browserArguments;

    public PageFixture()
        : this([])
    {
    }

    protected PageFixture(string[] browserArguments) => this.browserArguments = browserArguments;

    public HostScenario Scenario { get; } = new();

    public KestrelHost Host { get; private set; } = null!;

    public Chromium? Chromium { get; private set; }

    public IssuedQrToken Document { get; private set; } = null!;

    public byte[] DocumentPdf { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Scenario.PublishRevocationList();
        Host = await KestrelHost.StartAsync(Scenario);
        Document = Scenario.IssuePrc(Host.Url("revocation/BE-0120/prc"));
        DocumentPdf = Scenario.Pdf(Document);
        if (File.Exists(Support.Chromium.ExecutablePath))
        {
            Chromium = await Support.Chromium.LaunchAsync(BrowserArguments(this));
        }
    }

    /// <summary>The browser's extra arguments; the camera fixture adds its fake video file, made from the document.</summary>
    protected virtual string[] BrowserArguments(PageFixture fixture) => browserArguments;

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await Host.DisposeAsync();
        Scenario.Dispose();
    }
}
