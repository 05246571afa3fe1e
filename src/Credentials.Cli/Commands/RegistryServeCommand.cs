using System.CommandLine;
using Credentials.Host;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials registry serve</c>: the resolver API over the registry database, until Ctrl-C, SIGINT or SIGTERM.</summary>
internal static class RegistryServeCommand
{
    public static Command Create(CliConsole console)
    {
        var registry = RegistryCommand.RegistryOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:8080 (several separated by ';'; port 0 takes a free one).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var snapshot = new Option<string?>("--snapshot") { Description = "A signed snapshot file to publish at /api/v1/snapshot (read again when it changes)." };
        var command = new Command("serve", "Serve the registry over HTTP in the EC resolver's shape (GET or HEAD /api/v1/issuers, by kid, countryCode and officialID or in full) and the signed snapshot. Ctrl-C, SIGINT or SIGTERM stops it after the requests in flight.") { registry, urls, snapshot };
        command.SetAction(async (parse, cancellation) =>
        {
            var database = parse.GetValue(registry)!;
            try
            {
                var app = ResolverApi.Build(database, parse.GetValue(snapshot), ServerHost.ParseUrls(parse.GetValue(urls)));
                await using (app.ConfigureAwait(false))
                {
                    await ServerHost.RunAsync(app, addresses => console.Out.WriteLine($"Serving {database} at {string.Join(", ", addresses.Select(address => address + ResolverApi.IssuersPath))}. Stop with Ctrl-C."), cancellation).ConfigureAwait(false);
                }
            }
            catch (ServerStartException e)
            {
                throw new CliException(e.Message, e);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
