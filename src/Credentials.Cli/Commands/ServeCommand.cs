using System.CommandLine;
using Credentials.Host;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials serve [--urls URL] [--config FILE] [--set KEY=VALUE]…</c>: the one web host (the hospital's verify
/// page and API, the resolver, the revocation and status lists), until Ctrl-C, SIGINT or SIGTERM. On a fresh machine
/// it starts with no argument: plain HTTP on loopback, a generated test issuer, its files in the data folder.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (several separated by ';'; port 0 takes a free one). Default {CredentialsHost.DefaultUrl}. Plain HTTP on loopback only; https needs a certificate (Kestrel:Certificates:Default:Path)." };
        var config = new Option<string?>("--config") { Description = "A JSON settings file (the same keys as the embedded appsettings.json), under the environment (CREDENTIALS__…) and --set." };
        var set = new Option<string[]>("--set") { Description = "A setting, KEY=VALUE (e.g. Credentials:PublicBaseUrl=https://verify.example.org/); may be repeated.", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("serve", "Serve the verify page and API, the resolver API, the revocation and status lists, health and the OpenAPI description, until Ctrl-C, SIGINT or SIGTERM (requests in flight are finished).") { urls, config, set };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    throw new CliException($"--set: '{pair}' is not KEY=VALUE (e.g. Credentials:RateLimits:PermitLimit=600).");
                }

                settings[pair[..at].Trim()] = pair[(at + 1)..];
            }

            if (parse.GetValue(config) is { } file)
            {
                CheckSettingsFile(file);
            }

            try
            {
                var app = await CredentialsHost.BuildAsync(new ServeSettings
                {
                    DataFolder = CliFolders.Data,
                    Urls = parse.GetValue(urls) is { } given ? ServerHost.SplitUrls(given) is { Count: > 0 } list ? list : throw new CliException("--urls: give at least one address to listen on, e.g. http://127.0.0.1:8080.") : null,
                    ConfigurationFile = parse.GetValue(config),
                    Settings = settings,
                    Time = time,
                }, cancellation).ConfigureAwait(false);
                await using (app.ConfigureAwait(false))
                {
                    await ServerHost.RunAsync(app, addresses => console.Out.WriteLine($"Serving at {string.Join(", ", addresses)}. Browse to {addresses.First().TrimEnd('/')}/verify to verify a document. Stop with Ctrl-C."), cancellation).ConfigureAwait(false);
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

    /// <summary>Settings files are bounded: the embedded appsettings.json is a few kilobytes.</summary>
    private const long MaxSettingsBytes = 1024 * 1024;

    /// <summary>
    /// <c>--config</c> read before the host is built, so a file that is not JSON is one line naming the option and the
    /// line (the configuration reader's own message names neither). Read as that reader reads JSON: comments and
    /// trailing commas allowed, an object at the top.
    /// </summary>
    private static void CheckSettingsFile(string path)
    {
        var bytes = CommandValues.WithoutByteOrderMark(CommandValues.ReadFile(path, MaxSettingsBytes, "--config file"));
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(bytes, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new CliException($"--config: '{path}' is JSON but not an object of settings ({{ \"Credentials\": {{ … }} }}).");
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliException($"--config: '{path}' is not valid JSON (line {(e.LineNumber ?? 0) + 1}).", e);
        }
    }
}
