using System.Net;
using Credentials.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// <c>credentials account</c> as an operator runs it (the CLI as a child process): the first account, created with
/// its password on standard input, signs in at the host; <c>list</c> shows its state; <c>reset-password</c> replaces
/// the password; bad input gets exit 2 and one line.
/// </summary>
public sealed class AccountCommandTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly HostScenario scenario = new();

    private string Store => Path.Combine(scenario.DataFolder, "state.db");

    [Fact]
    public async Task The_first_account_created_on_the_command_line_signs_in_at_the_host()
    {
        var created = CliProcess.Run(["account", "create", "--user", "Alice", "--institution", "BE:0120", "--store", Store], standardInput: Password + "\n");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"Created account 'alice' for BE:0120 in {Store}.", created.Out.Trim());
        Assert.DoesNotContain(Password, created.Out + created.Error, StringComparison.Ordinal);

        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var signedIn = await SignInForm.SignInAsync(client, "alice", Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        Assert.Matches("alice +active +\\S+ +BE:0120", CliProcess.Run("account", "list", "--store", Store).Out);
        var reset = CliProcess.Run(["account", "reset-password", "--user", "alice", "--store", Store], standardInput: "a brand new passphrase\n");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Equal("Set a new password for 'alice'.", reset.Out.Trim());
        using (var old = await SignInForm.SignInAsync(client, "alice", Password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        var disabled = CliProcess.Run("account", "disable", "--user", "alice", "--store", Store);
        Assert.Equal("Disabled account 'alice'.", disabled.Out.Trim());
        Assert.Matches("alice +disabled ", CliProcess.Run("account", "list", "--store", Store).Out);
    }

    [Fact]
    public void Bad_input_gets_exit_2_and_one_line_that_names_what_is_wrong()
    {
        Assert.Equal(0, CliProcess.Run(["account", "create", "--user", "bob", "--institution", "BE:0120", "--store", Store], standardInput: Password).ExitCode);
        var cases = new (string[] Args, string? Input, string Message)[]
        {
            (["account", "create", "--user", "carol", "--institution", "BE:0120", "--store", Store], "short\n", "credentials: a password is 12 to 256 characters, without control characters."),
            (["account", "create", "--user", "carol", "--institution", "BE:0120", "--store", Store], string.Empty, "credentials: give the password on standard input"),
            (["account", "create", "--user", "carol", "--institution", "BE:0120", "--store", Store], new string('p', 300), "credentials: the password on standard input is longer than 256 characters."),
            (["account", "create", "--user", "bob", "--institution", "BE:0120", "--store", Store], Password, "credentials: there is already an account 'bob'."),
            (["account", "create", "--user", "carol smith", "--institution", "BE:0120", "--store", Store], Password, "credentials: a user name is 1 to 64 letters, digits, '.', '-', '_' or '@'."),
            (["account", "create", "--user", "carol", "--institution", "BE-0120", "--store", Store], Password, "credentials: --institution: 'BE-0120'"),
            (["account", "create", "--user", "carol", "--store", Store], Password, "credentials: Option '--institution' is required."),
            (["account", "create", "--institution", "BE:0120", "--store", Store], Password, "credentials: Option '--user' is required."),
            (["account", "disable", "--user", "carol", "--store", Store], null, "credentials: there is no account 'carol'."),
            (["account", "reset-password", "--user", "carol", "--store", Store], Password, "credentials: there is no account 'carol'."),
            (["account", "list", "--store", scenario.DataFolder], null, $"credentials: --store: '{scenario.DataFolder}' is a folder, not a database."),
        };
        foreach (var (args, input, message) in cases)
        {
            var result = CliProcess.Run(args, standardInput: input);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: {result}");
            Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, result.Error, StringComparison.Ordinal);
        }

        // Nothing refused was created: bob alone.
        var listed = CliProcess.Run("account", "list", "--store", Store).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, listed.Length);
        Assert.StartsWith("bob ", listed[1], StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }
}
