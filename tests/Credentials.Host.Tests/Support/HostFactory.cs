using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// <c>credentials serve</c>'s application in memory (<see cref="WebApplicationFactory{TEntryPoint}"/> over the
/// platform's test server): built by <see cref="CredentialsHost.BuildAsync"/> exactly as <c>credentials serve</c>
/// builds it, with the test server in place of Kestrel. The factory's entry point is the <c>credentials</c> program
/// (a type of its assembly names it); since its <c>Main</c> runs every command, not just this one, the factory is
/// handed the application instead of starting <c>Main</c>.
/// </summary>
public sealed class HostFactory(ServeSettings settings) : WebApplicationFactory<Credentials.Cli.CliConsole>
{
    /// <summary>The application, once a client was asked for.</summary>
    public WebApplication? App { get; private set; }

    protected override IHostBuilder CreateHostBuilder() => new HostBuilder();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var app = CredentialsHost.BuildAsync(settings with
        {
            ConfigureBuilder = web =>
            {
                web.WebHost.UseTestServer();
                settings.ConfigureBuilder?.Invoke(web);
            },
        }).GetAwaiter().GetResult();
        app.Start();
        App = app;
        return app;
    }
}
