using System.CommandLine;
using Credentials.Database;
using Credentials.Storage;
using Credentials.Trust.Store;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials store copy --from FILE --to CONNECTION [--replace]</c>: moves one machine's state (the registry
/// database, or the issuer's state database) from its SQLite file into the PostgreSQL database several hosts share.
/// </summary>
internal static class StoreCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var store = new Command("store", "Manage where the state is kept: SQLite files on one machine, or PostgreSQL shared by several hosts.");
        store.Subcommands.Add(CreateCopy(console, time));
        return store;
    }

    private static Command CreateCopy(CliConsole console, TimeProvider time)
    {
        var from = new Option<string>("--from") { Description = "The SQLite file to copy: a registry database, or an issuer's state database (status lists …). It is brought to this program's schema first.", Required = true };
        var to = new Option<string>("--to") { Description = "The PostgreSQL database: postgres://user@host:5432/db or Host=…;Username=…;Database=… (leave the password out and set PGPASSWORD, so it is not on the command line).", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Replace what the target already holds of the same kind (otherwise a target that holds any is refused)." };
        var command = new Command("copy", "Copy a registry or issuer state database from its SQLite file into PostgreSQL, in one transaction: the target's schema is created or brought up to date, every row and key is copied as it is, and the rows copied are counted.") { from, to, replace };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(from)!;
            var target = Target(parse.GetValue(to)!);
            try
            {
                var components = DatabaseCopy.ComponentsIn(source, [RegistryStore.Schema, .. IssuerStateSchema.Components]);
                if (components.Count == 0)
                {
                    throw new CliException($"--from: '{source}' holds neither a trust registry nor an issuer's state (no schema version of either): nothing to copy.");
                }

                var report = DatabaseCopy.Copy(source, target, components, parse.GetValue(replace), time.GetUtcNow());
                if (report.SourceStepsApplied > 0)
                {
                    console.Out.WriteLine($"Brought {source} to this program's schema first ({report.SourceStepsApplied} step(s)).");
                }

                foreach (var component in components)
                {
                    var tables = report.Tables.Where(t => t.Component == component.Name).ToList();
                    console.Out.WriteLine($"Copied {component.Title} from {source} into {target.Display}: {tables.Sum(t => t.Rows)} row(s) ({string.Join(", ", tables.Select(t => $"{t.Table} {t.Rows}"))}).");
                }

                return ExitCodes.Success;
            }
            catch (DatabaseException e)
            {
                throw new CliException(e.Message);
            }
        });
        return command;
    }

    private static DatabaseLocation Target(string text)
    {
        var target = DatabaseLocation.Parse(text, e => new CliException($"--to: {e.Message}"));

        // The given text is never echoed: it may hold a password.
        return target.IsPostgreSql ? target : throw new CliException("--to: give a PostgreSQL connection string (postgres://… or Host=…;Database=…), not a file path.");
    }
}
