using System.CommandLine;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials registry serve</c>: the resolver API over the registry database.</summary>
internal static class RegistryServeCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = RegistryCommand.RegistryOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:8080 (several separated by ';').", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var snapshot = new Option<string?>("--snapshot") { Description = "A signed snapshot file to publish at /api/v1/snapshot." };
        var command = new Command("serve", "Serve the registry over HTTP in the EC resolver's shape (GET /api/v1/issuers, by kid, countryCode and officialID or in full) and the signed snapshot. Stop with Ctrl-C.") { registry, urls, snapshot };
        command.SetAction(async (parse, cancellation) =>
        {
            var app = Credentials.Server.ResolverApi.Build(parse.GetValue(registry)!, parse.GetValue(snapshot), parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
                console.Out.WriteLine($"Serving {parse.GetValue(registry)} at {string.Join(", ", app.Urls)}{Credentials.Server.ResolverApi.IssuersPath}. Stop with Ctrl-C.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: stop cleanly.
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
