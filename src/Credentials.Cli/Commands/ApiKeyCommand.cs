using System.CommandLine;
using System.Globalization;
using Credentials.Model;
using Credentials.Storage.Accounts;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials apikey create|list|rotate|revoke</c>: the API keys machines use on the insurer's side of
/// <c>credentials serve</c>, in the host's state database. A key's text is printed once, when it is created or
/// rotated, alone on standard output (so a script can take it); the database keeps only its hash.
/// </summary>
internal static class ApiKeyCommand
{
    /// <summary>The state database when <c>--store</c> names none: the file <c>credentials serve</c> uses by default.</summary>
    public static string DefaultStore => Path.Combine(CliFolders.Data, "state.db");

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var apikey = new Command("apikey", "API keys for machines calling the host's insurer API: create, list, rotate, revoke.");
        apikey.Subcommands.Add(CreateKey(console, time));
        apikey.Subcommands.Add(List(console, time));
        apikey.Subcommands.Add(Rotate(console, time));
        apikey.Subcommands.Add(Revoke(console, time));
        return apikey;
    }

    /// <summary>The <c>--store</c> option of the account commands.</summary>
    public static Option<string?> StoreOption() => new("--store")
    {
        Description = "The host's state database: an SQLite file (default state.db in the data folder, as `credentials serve` uses) or a PostgreSQL connection string (postgres://… or Host=…; leave the password out and set PGPASSWORD).",
    };

    private static Command CreateKey(CliConsole console, TimeProvider time)
    {
        var institutions = new Option<string[]>("--institution") { Description = "An institution the key may issue and revoke for, CC:id (e.g. BE:0120); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false };
        var name = new Option<string>("--name") { Description = "What the key is for (the integration), shown by `apikey list` and /api/v1/me.", Required = true };
        var expires = new Option<string?>("--expires") { Description = "When the key stops working: a date YYYY-MM-DD (it works through that day, UTC) or an instant such as 2027-01-31T12:00:00Z. Default: never (until revoked)." };
        var store = StoreOption();
        var command = new Command("create", "Create an API key and print it once (alone on standard output); only its hash is stored. Exit 0 created, 2 unusable input.") { institutions, name, expires, store };
        command.SetAction(parse =>
        {
            var scope = parse.GetValue(institutions)!.Select(ParseInstitution).ToList();
            var expiry = ParseExpiry(parse.GetValue(expires), time);
            using var keys = Open(parse.GetValue(store), time);
            var issued = Guard(() => keys.Create(parse.GetValue(name)!, scope, expiry));
            console.Error.WriteLine($"Created API key {issued.Key.Id} '{issued.Key.Name}' for {string.Join(", ", issued.Key.Institutions)}{Expiry(issued.Key)} in {keys.Location}.");
            console.Error.WriteLine("The key follows, shown this once: store it now (it cannot be shown again; rotate the key if it is lost).");
            console.Out.WriteLine(issued.Secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console, TimeProvider time)
    {
        var store = StoreOption();
        var command = new Command("list", "List the API keys (never their secrets): id, state, name, institutions, created, expires.") { store };
        command.SetAction(parse =>
        {
            using var keys = Open(parse.GetValue(store), time, existing: true);
            var all = Guard(keys.List);
            if (all.Count == 0)
            {
                console.Out.WriteLine($"No API keys in {keys.Location}.");
                return ExitCodes.Success;
            }

            var now = time.GetUtcNow();
            console.Out.WriteLine("ID                STATE    CREATED               EXPIRES               INSTITUTIONS  NAME");
            foreach (var key in all)
            {
                var state = key.StateAt(now) + (key.PreviousSecretExpiresAt is { } grace && now < grace && key.IsActiveAt(now) ? "*" : string.Empty);
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}  {state,-7}  {Instant(key.CreatedAt),-20}  {(key.ExpiresAt is { } e ? Instant(e) : "never"),-20}  {string.Join(",", key.Institutions),-12}  {key.Name}"));
            }

            if (all.Any(key => key.PreviousSecretExpiresAt is { } grace && now < grace && key.IsActiveAt(now)))
            {
                console.Out.WriteLine("* rotated: the previous secret still works until its grace period ends.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rotate(CliConsole console, TimeProvider time)
    {
        var id = new Argument<string>("id") { Description = "The key's id, as `apikey list` shows it." };
        var grace = new Option<string?>("--grace") { Description = "How long the old secret keeps working, so the integration can switch: e.g. 30m, 24h, 7d (at most 30d). Default: it stops at once." };
        var store = StoreOption();
        var command = new Command("rotate", "Give an API key a new secret, printed once (alone on standard output); the old one stops working at once or after --grace.") { id, grace, store };
        command.SetAction(parse =>
        {
            var period = ParseGrace(parse.GetValue(grace));
            using var keys = Open(parse.GetValue(store), time, existing: true);
            var issued = Guard(() => keys.Rotate(KeyId(parse.GetValue(id)!), period));
            var old = issued.Key.PreviousSecretExpiresAt is { } ends ? $"the old secret works until {Instant(ends)}" : "the old secret no longer works";
            console.Error.WriteLine($"Rotated API key {issued.Key.Id} '{issued.Key.Name}': {old}.");
            console.Error.WriteLine("The new key follows, shown this once: store it now.");
            console.Out.WriteLine(issued.Secret);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Revoke(CliConsole console, TimeProvider time)
    {
        var id = new Argument<string>("id") { Description = "The key's id, as `apikey list` shows it." };
        var store = StoreOption();
        var command = new Command("revoke", "Revoke an API key: from now on it is refused by every host on this database. It stays listed as revoked.") { id, store };
        command.SetAction(parse =>
        {
            using var keys = Open(parse.GetValue(store), time, existing: true);
            var key = Guard(() => keys.Revoke(KeyId(parse.GetValue(id)!)));
            console.Out.WriteLine($"Revoked API key {key.Id} '{key.Name}' (at {Instant(key.RevokedAt!.Value)}).");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Opens the state database named by <c>--store</c> (default <see cref="DefaultStore"/>); failures as one line.
    /// With <paramref name="existing"/> (a command that only reads or changes keys) the database must exist already.
    /// </summary>
    internal static ApiKeyStore Open(string? store, TimeProvider time, bool existing = false) =>
        Guard(() => ApiKeyStore.Open(Location(store, existing), time));

    /// <summary>The state database's location; with <paramref name="existing"/> an SQLite file must exist (never created by a command that only reads).</summary>
    internal static string Location(string? store, bool existing) =>
        existing ? CommandValues.ExistingDatabase(store ?? DefaultStore, "--store", CommandValues.StateDatabaseMadeBy) : store ?? DefaultStore;

    internal static InstitutionId ParseInstitution(string value) =>
        InstitutionId.TryParse(value, out var id, out var error) ? id : throw new CliException($"--institution: {error}");

    private static string KeyId(string id) =>
        id.Length == 16 && id.All(char.IsAsciiHexDigitLower) ? id : throw new CliException("the key id is 16 hexadecimal digits (lowercase), as `credentials apikey list` shows it.");

    private static DateTimeOffset? ParseExpiry(string? value, TimeProvider time)
    {
        if (value is null)
        {
            return null;
        }

        DateTimeOffset expiry;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // Through that day: the key stops at the start of the next one, UTC.
            expiry = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (!DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out expiry) || !(value.EndsWith('Z') || value[^6] is '+' or '-'))
        {
            throw new CliException($"--expires: '{value}' is neither a date YYYY-MM-DD nor an instant with its offset (2027-01-31T12:00:00Z).");
        }

        return expiry > time.GetUtcNow() ? expiry : throw new CliException($"--expires: {value} is not in the future.");
    }

    private static TimeSpan ParseGrace(string? value)
    {
        if (value is null)
        {
            return TimeSpan.Zero;
        }

        var unit = value.Length > 1 ? value[^1] : ' ';
        if (unit is 'm' or 'h' or 'd' && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 100_000)
        {
            var period = unit switch { 'm' => TimeSpan.FromMinutes(count), 'h' => TimeSpan.FromHours(count), _ => TimeSpan.FromDays(count) };
            return period <= ApiKeyStore.MaxGracePeriod ? period : throw new CliException($"--grace: at most {ApiKeyStore.MaxGracePeriod.TotalDays:0}d.");
        }

        throw new CliException($"--grace: '{value}' is not a period such as 30m, 24h or 7d.");
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (AccountStoreException e)
        {
            throw new CliException(e.Message, e);
        }
    }

    private static string Expiry(ApiKey key) => key.ExpiresAt is { } at ? $", until {Instant(at)}" : ", without expiry";

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
