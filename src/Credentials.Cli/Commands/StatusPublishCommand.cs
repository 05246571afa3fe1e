using System.CommandLine;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials status publish --store DB --out-dir D --key … [--all]</c>: signs each list that is due (never
/// published, changed, or near its exp) as a <c>statuslist+jwt</c> and writes it where a web server serves it.
/// </summary>
internal static class StatusPublishCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var store = StatusCommand.StoreOption();
        var outDir = new Option<string>("--out-dir") { Description = "The folder served at the configurations' base URIs: the list at {base}BE-0120/1 is written to {out-dir}/BE-0120/1 (serve it as application/statuslist+jwt).", Required = true };
        var all = new Option<bool>("--all") { Description = "Publish every list, not only those due." };
        var signing = new SigningKeyOptions("The lists' signing key, of a certificate the registry links to each list's institution:");
        var command = new Command("publish", "Sign the status lists that are due and write them as statuslist+jwt files. Exit 0 done, 1 stopped before the end, 2 unusable input.") { store, outDir, all };
        signing.AddTo(command);
        // A stop signal (SIGINT, SIGTERM) is honoured between two lists: each list file is written whole or not at all.
        command.SetAction((parse, stop) => Task.FromResult(Publish(parse, stop)));
        return command;

        int Publish(ParseResult parse, CancellationToken stop)
        {
            var database = CommandValues.ExistingDatabase(parse.GetValue(store)!, "--store", CommandValues.IssuerDatabaseMadeBy);
            using var documents = WalletCommandFiles.Store(() => IssuedDocumentStore.Open(database, time));
            using var statusLists = WalletCommandFiles.Store(() => StatusListDatabase.Open(database, time));
            var configurations = WalletCommandFiles.Store(documents.StatusConfigurations);
            if (configurations.Count == 0)
            {
                throw new CliException("the issuer database has no status list configuration: create one with `credentials status create`.");
            }

            var folder = CommandValues.OutputFolder(parse.GetValue(outDir)!, "--out-dir");
            using var signer = signing.Load(parse, console);
            var published = 0;
            foreach (var configuration in configurations)
            {
                var issuer = new StatusListIssuer(statusLists, configuration.Options, time);
                var lists = parse.GetValue(all) ? statusLists.Lists().Select(l => l.List).ToList() : issuer.DueForPublication();
                foreach (var list in lists.Where(l => l.OriginalString.StartsWith(configuration.Options.BaseAddress.OriginalString, StringComparison.Ordinal)))
                {
                    if (stop.IsCancellationRequested)
                    {
                        console.Out.WriteLine($"Stopped before the end ({published} list(s) published): run the same command again to publish the rest.");
                        return ExitCodes.Rejected;
                    }

                    var publication = WalletCommandFiles.Store(() => issuer.Publish(list, signer));
                    var relative = list.OriginalString[configuration.Options.BaseAddress.OriginalString.Length..];
                    var path = Path.Combine(folder, Path.Combine(relative.Split('/')));
                    CommandValues.WriteText(path, publication.Jwt);
                    console.Out.WriteLine($"Published {list} (version {publication.Version}, valid until {publication.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC) to {path}");
                    published++;
                }
            }

            if (published == 0)
            {
                console.Out.WriteLine("No status list is due for publication.");
            }

            return ExitCodes.Success;
        }
    }
}
