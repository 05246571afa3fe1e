using System.CommandLine;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials status create|revoke|suspend|reinstate|publish</c>: the issuer's Token Status Lists
/// (draft-ietf-oauth-status-list) in its database, and the signed <c>statuslist+jwt</c> files to serve at their URIs.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var status = new Command("status", "The issuer's token status lists for wallet credentials: configure, revoke, suspend, reinstate, publish.");
        status.Subcommands.Add(CreateConfiguration(console, time));
        status.Subcommands.Add(CreateChange(console, time, "revoke", "Revoke a wallet credential on its status list, for good."));
        status.Subcommands.Add(CreateChange(console, time, "suspend", "Suspend a wallet credential (2-bit lists); it can be reinstated."));
        status.Subcommands.Add(CreateChange(console, time, "reinstate", "Make a suspended wallet credential valid again (a revoked one stays revoked)."));
        status.Subcommands.Add(StatusPublishCommand.Create(console, time));
        return status;
    }

    /// <summary>The <c>--store</c> option every status command takes.</summary>
    public static Option<string> StoreOption() => new("--store") { Description = "The issuer database (an SQLite file, or a PostgreSQL connection string), as given to `credentials wallet issue --store`.", Required = true };

    private static Command CreateConfiguration(CliConsole console, TimeProvider time)
    {
        var name = new Argument<string>("name") { Description = "The configuration's name, given to `wallet issue --status-list` (letters, digits, '-', '_')." };
        var baseUri = new Option<string>("--base-uri") { Description = "Where the lists are served: an http(s) URI ending with '/'; an institution's list n is at {base}CC-ID/n.", Required = true };
        var bits = new Option<int>("--bits") { Description = "Bits per entry: 2 (valid, revoked, suspended; the default) or 1 (valid, revoked).", DefaultValueFactory = _ => 2 };
        var entries = new Option<int>("--entries") { Description = $"Entries per list: at least {StatusListIssuerOptions.MinimumEntriesPerList} (herd privacy), a multiple of 8; a new list opens when one is 3/4 full.", DefaultValueFactory = _ => StatusListIssuerOptions.MinimumEntriesPerList };
        var lifetime = new Option<int>("--lifetime-hours") { Description = "Hours a published list may be relied on (exp - iat; default 24).", DefaultValueFactory = _ => 24 };
        var ttl = new Option<int>("--ttl-minutes") { Description = "Minutes a verifier may cache a list (ttl; default 60).", DefaultValueFactory = _ => 60 };
        var store = StoreOption();
        var command = new Command("create", "Create a named status list configuration in the issuer database. Exit 0 created, 2 unusable input.")
        {
            name, baseUri, bits, entries, lifetime, ttl, store,
        };
        command.SetAction(parse =>
        {
            var configurationName = parse.GetValue(name)!;
            if (configurationName.Length is 0 or > 64 || !configurationName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new CliException("the name: 1 to 64 letters, digits, '-' or '_'.");
            }

            if (!Uri.TryCreate(parse.GetValue(baseUri), UriKind.Absolute, out var address))
            {
                throw new CliException("--base-uri: not an absolute URI.");
            }

            StatusListIssuerOptions options;
            try
            {
                options = new StatusListIssuerOptions
                {
                    BaseAddress = address,
                    Bits = parse.GetValue(bits) is 1 or 2 ? parse.GetValue(bits) : throw new CliException("--bits: 1 or 2."),
                    EntriesPerList = parse.GetValue(entries),
                    Lifetime = TimeSpan.FromHours(parse.GetValue(lifetime) is >= 1 and <= 24 * 31 ? parse.GetValue(lifetime) : throw new CliException("--lifetime-hours: 1 to 744.")),
                    TimeToLive = TimeSpan.FromMinutes(parse.GetValue(ttl) is >= 1 and <= 24 * 60 ? parse.GetValue(ttl) : throw new CliException("--ttl-minutes: 1 to 1440.")),
                    RepublishBefore = TimeSpan.FromHours(parse.GetValue(lifetime)) / 4,
                };
            }
            catch (ArgumentException e)
            {
                throw new CliException(CliApp.FirstSentence(e.Message), e);
            }

            if (options.TimeToLive >= options.Lifetime)
            {
                throw new CliException("--ttl-minutes: the cache time must be shorter than the list's lifetime.");
            }

            WalletCommandFiles.Store(() =>
            {
                using var documents = IssuedDocumentStore.Open(parse.GetValue(store)!, time);
                documents.AddStatusConfiguration(new StatusListConfiguration(configurationName, options));
                return 0;
            });
            console.Out.WriteLine($"Status list configuration '{configurationName}': lists of {options.EntriesPerList} entries of {options.Bits} bit(s) served under {options.BaseAddress}, valid {options.Lifetime.TotalHours:0} hours, ttl {options.TimeToLive.TotalMinutes:0} minutes.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateChange(CliConsole console, TimeProvider time, string verb, string description)
    {
        var credential = new Option<string>("--credential") { Description = "The wallet credential's id (its jti), as `wallet issue` printed it.", Required = true };
        var store = StoreOption();
        var command = new Command(verb, description + " Publish the lists again afterwards. Exit 0 done, 1 refused, 2 unusable input.") { credential, store };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(credential)!;
            var database = CommandValues.ExistingDatabase(parse.GetValue(store)!, "--store", CommandValues.IssuerDatabaseMadeBy);
            using var documents = WalletCommandFiles.Store(() => IssuedDocumentStore.Open(database, time));
            using var statusLists = WalletCommandFiles.Store(() => StatusListDatabase.Open(database, time));
            var minted = WalletCommandFiles.Store(() => documents.FindCredential(id)) ?? throw new CliException("--credential: the issuer database records no wallet credential with that id.");
            if (minted.Status is null || minted.StatusConfiguration is not { } name)
            {
                throw new CliException("--credential: that credential has no status list entry (it lives 24 hours).");
            }

            var configuration = WalletCommandFiles.Store(() => documents.FindStatusConfiguration(name))!;
            var institution = WalletCommandFiles.Store(() => documents.FindDocument(minted.DocumentId))!.Payload.Document.Institution.Id;
            var issuer = new StatusListIssuer(statusLists, configuration.Options, time);
            bool changed;
            try
            {
                changed = verb switch
                {
                    "revoke" => issuer.Revoke(institution, id),
                    "suspend" => issuer.Suspend(institution, id),
                    _ => issuer.Reinstate(institution, id),
                };
            }
            catch (StatusListIssuanceException e)
            {
                console.Error.WriteLine($"credentials: {e.Message}");
                return ExitCodes.Rejected;
            }

            var state = verb switch { "revoke" => "revoked", "suspend" => "suspended", _ => "valid again" };
            console.Out.WriteLine($"{(changed ? "Done" : "Unchanged")}: the credential is {state} at entry {minted.Status.Index} of {minted.Status.List}; publish the list to tell verifiers.");
            return ExitCodes.Success;
        });
        return command;
    }
}
