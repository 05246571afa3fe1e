using System.CommandLine;
using System.Globalization;
using System.Text;
using Credentials.Storage.Accounts;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials account create|list|disable|reset-password</c>: people's local accounts for signing in to the
/// insurer's pages of a single-machine <c>credentials serve</c>, in the host's state database. A password is read
/// from standard input (a terminal asks for it without echo), never from the command line, where other users of the
/// machine and the shell's history would see it.
/// </summary>
internal static class AccountCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var account = new Command("account", "Local accounts of people signing in to the host's insurer pages: create, list, disable, reset-password.");
        account.Subcommands.Add(CreateAccount(console, time));
        account.Subcommands.Add(List(console, time));
        account.Subcommands.Add(Disable(console, time));
        account.Subcommands.Add(ResetPassword(console, time));
        return account;
    }

    private static Option<string> UserOption() => new("--user") { Description = "The user name (letters, digits, '.', '-', '_', '@'; case does not matter).", Required = true };

    private static Command CreateAccount(CliConsole console, TimeProvider time)
    {
        var user = UserOption();
        var institutions = new Option<string[]>("--institution") { Description = "An institution the person may issue and revoke for, CC:id (e.g. BE:0120); repeat for several.", Required = true };
        var store = ApiKeyCommand.StoreOption();
        var command = new Command("create", $"Create a local account; its password (at least {LocalAccountStore.MinPasswordLength} characters) is read from standard input. Exit 0 created, 2 unusable input.") { user, institutions, store };
        command.SetAction(parse =>
        {
            var scope = parse.GetValue(institutions)!.Select(ApiKeyCommand.ParseInstitution).ToList();
            var name = Guard(() => LocalAccountStore.NormalizeUserName(parse.GetValue(user)!));
            var password = ReadPassword(console, $"Password for {name}: ");
            using var accounts = Open(parse.GetValue(store), time);
            var created = Guard(() => accounts.Create(name, password, scope));
            console.Out.WriteLine($"Created account '{created.UserName}' for {string.Join(", ", created.Institutions)} in {accounts.Location}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console, TimeProvider time)
    {
        var store = ApiKeyCommand.StoreOption();
        var command = new Command("list", "List the local accounts: user, state (active, locked, disabled), institutions, created.") { store };
        command.SetAction(parse =>
        {
            using var accounts = Open(parse.GetValue(store), time, existing: true);
            var all = Guard(accounts.List);
            if (all.Count == 0)
            {
                console.Out.WriteLine($"No accounts in {accounts.Location}.");
                return ExitCodes.Success;
            }

            var now = time.GetUtcNow();
            console.Out.WriteLine("USER                  STATE     CREATED               INSTITUTIONS");
            foreach (var account in all)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{account.UserName,-20}  {account.StateAt(now),-8}  {account.CreatedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}  {string.Join(",", account.Institutions)}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Disable(CliConsole console, TimeProvider time)
    {
        var user = UserOption();
        var store = ApiKeyCommand.StoreOption();
        var command = new Command("disable", "Disable a local account: it signs in no more, and its open sessions end at their next request.") { user, store };
        command.SetAction(parse =>
        {
            using var accounts = Open(parse.GetValue(store), time, existing: true);
            var account = Guard(() => accounts.Disable(parse.GetValue(user)!));
            console.Out.WriteLine($"Disabled account '{account.UserName}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ResetPassword(CliConsole console, TimeProvider time)
    {
        var user = UserOption();
        var store = ApiKeyCommand.StoreOption();
        var command = new Command("reset-password", "Set a local account's password (read from standard input) and lift a lockout.") { user, store };
        command.SetAction(parse =>
        {
            var name = Guard(() => LocalAccountStore.NormalizeUserName(parse.GetValue(user)!));
            using var accounts = Open(parse.GetValue(store), time, existing: true);
            if (Guard(() => accounts.Find(name)) is null)
            {
                throw new CliException($"there is no account '{name}'.");
            }

            var password = ReadPassword(console, $"New password for {name}: ");
            var account = Guard(() => accounts.ResetPassword(name, password));
            console.Out.WriteLine($"Set a new password for '{account.UserName}'{(account.DisabledAt is null ? string.Empty : " (the account stays disabled)")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static LocalAccountStore Open(string? store, TimeProvider time, bool existing = false) => Guard(() => LocalAccountStore.Open(ApiKeyCommand.Location(store, existing), time));

    /// <summary>The first line of standard input; on a terminal, typed without echo after <paramref name="prompt"/>.</summary>
    private static string ReadPassword(CliConsole console, string prompt)
    {
        string? line;
        if (!Console.IsInputRedirected && ReferenceEquals(console.Out, Console.Out))
        {
            console.Error.Write(prompt);
            var typed = new StringBuilder();
            while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    typed.Length = Math.Max(0, typed.Length - 1);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            console.Error.WriteLine();
            line = typed.ToString();
        }
        else
        {
            using var reader = new StreamReader(console.OpenInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
            var buffer = new char[LocalAccountStore.MaxPasswordLength + 2];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            var text = new string(buffer, 0, read);
            var end = text.IndexOfAny(['\r', '\n']);
            line = end >= 0 ? text[..end] : text;
            if (end < 0 && read == buffer.Length)
            {
                throw new CliException($"the password on standard input is longer than {LocalAccountStore.MaxPasswordLength} characters.");
            }
        }

        return line.Length > 0 ? line : throw new CliException("give the password on standard input (e.g. from a password manager), one line.");
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
}
