using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// The issuing host (<see cref="IssuingHost"/>: BE:0120 and BE:0121, their keys, real API keys) on a real Kestrel at
/// 127.0.0.1, its public address its own, so the documents it issues name its own revocation list; and one headless
/// Chromium. The browser signs in with an operator's API key sent on every request of its context.
/// </summary>
public sealed class IssuingPageFixture : IAsyncLifetime
{
    public IssuingHost Issuing { get; } = new();

    public KestrelHost Host { get; private set; } = null!;

    public Chromium? Chromium { get; private set; }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Issuing.Settings) { ["Credentials:PublicBaseUrl"] = null };
        Host = await KestrelHost.StartAsync(Issuing.Scenario, settings);
        if (File.Exists(Support.Chromium.ExecutablePath))
        {
            Chromium = await Support.Chromium.LaunchAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await Host.DisposeAsync();
        Issuing.Dispose();
    }
}
