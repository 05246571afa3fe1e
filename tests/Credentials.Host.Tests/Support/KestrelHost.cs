using Microsoft.AspNetCore.Builder;

namespace Credentials.Host.Tests.Support;

/// <summary><c>credentials serve</c>'s application on a real Kestrel at 127.0.0.1 on a free port, as a browser reaches it.</summary>
public sealed class KestrelHost : IAsyncDisposable
{
    private KestrelHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>The address it listens on, ending with '/'.</summary>
    public Uri Address { get; }

    public Uri Url(string path) => new(Address, path.TrimStart('/'));

    public static async Task<KestrelHost> StartAsync(HostScenario scenario, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var app = await CredentialsHost.BuildAsync(scenario.Settings(settings, ["http://127.0.0.1:0"]));
        await ServerHost.StartAsync(app);
        return new KestrelHost(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
