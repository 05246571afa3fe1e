using System.Net;
using System.Net.Http.Headers;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// <c>credentials apikey</c> as an operator runs it (the CLI as a child process) against the state database a host
/// serves from: the key is printed once, alone on standard output; the host accepts it and, after <c>revoke</c>,
/// refuses it; <c>list</c> never shows a secret; bad input gets exit 2 and one line.
/// </summary>
public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly HostScenario scenario = new();

    private string Store => Path.Combine(scenario.DataFolder, "state.db");

    [Fact]
    public async Task A_key_created_on_the_command_line_signs_in_at_the_host_until_it_is_revoked()
    {
        var created = CliProcess.Run("apikey", "create", "--institution", "BE:0120", "--institution", "BE:0121", "--name", "claims system", "--store", Store);
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Out.Trim();
        Assert.Matches("^crk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(key + Environment.NewLine, created.Out);
        var id = key[4..20];
        Assert.Contains($"Created API key {id} 'claims system' for BE:0120, BE:0121, without expiry", created.Error, StringComparison.Ordinal);
        Assert.Contains("shown this once", created.Error, StringComparison.Ordinal);

        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await Me(client, key));

        var listed = CliProcess.Run("apikey", "list", "--store", Store);
        Assert.Equal(0, listed.ExitCode);
        Assert.Matches($"{id}  active .* BE:0120,BE:0121 +claims system", listed.Out);
        Assert.DoesNotContain(key[21..], listed.Out, StringComparison.Ordinal);

        var rotated = CliProcess.Run("apikey", "rotate", id, "--store", Store);
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        var newKey = rotated.Out.Trim();
        Assert.Matches($"^crk_{id}_[A-Za-z0-9_-]{{43}}$", newKey);
        Assert.Contains("the old secret no longer works", rotated.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(client, key));
        Assert.Equal(HttpStatusCode.OK, await Me(client, newKey));

        var revoked = CliProcess.Run("apikey", "revoke", id, "--store", Store);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.StartsWith($"Revoked API key {id} 'claims system'", revoked.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Me(client, newKey));
        Assert.Matches($"{id}  revoked ", CliProcess.Run("apikey", "list", "--store", Store).Out);
    }

    [Fact]
    public void A_rotation_with_a_grace_period_says_until_when_the_old_secret_works_and_list_marks_it()
    {
        var created = CliProcess.Run("apikey", "create", "--institution", "BE:0120", "--name", "n", "--expires", "2999-12-31", "--store", Store);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("until 3000-01-01T00:00:00Z", created.Error, StringComparison.Ordinal);
        var id = created.Out.Trim()[4..20];
        var rotated = CliProcess.Run("apikey", "rotate", id, "--grace", "24h", "--store", Store);
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.Matches("the old secret works until \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z", rotated.Error);
        var listed = CliProcess.Run("apikey", "list", "--store", Store).Out;
        Assert.Matches($"{id}  active\\* ", listed);
        Assert.Contains("* rotated: the previous secret still works", listed, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gets_exit_2_and_one_line_that_names_what_is_wrong()
    {
        // An existing, empty state database: the commands that change keys refuse a missing one before they read ids.
        using (Credentials.Storage.Accounts.ApiKeyStore.Open(Store, TimeProvider.System))
        {
        }

        var cases = new (string[] Args, string Message)[]
        {
            (["apikey", "create", "--institution", "XX:0120", "--name", "n", "--store", Store], "credentials: --institution: 'XX' in 'XX:0120' is not an issuing country"),
            (["apikey", "create", "--institution", "BE0120", "--name", "n", "--store", Store], "credentials: --institution: 'BE0120'"),
            (["apikey", "create", "--institution", "BE:0120", "--store", Store], "credentials: Option '--name' is required."),
            (["apikey", "create", "--name", "n", "--store", Store], "credentials: Option '--institution' is required."),
            (["apikey", "create", "--institution", "BE:0120", "--name", " ", "--store", Store], "credentials: --name: an empty value."),
            (["apikey", "create", "--institution", "BE:0120", "--name", "n", "--expires", "tomorrow", "--store", Store], "credentials: --expires: 'tomorrow' is neither a date YYYY-MM-DD nor an instant"),
            (["apikey", "create", "--institution", "BE:0120", "--name", "n", "--expires", "2001-01-01", "--store", Store], "credentials: --expires: 2001-01-01 is not in the future."),
            (["apikey", "create", "--institution", "BE:0120", "--name", "n", "--store", scenario.DataFolder], $"credentials: the state database '{scenario.DataFolder}' is a folder, not a database file."),
            (["apikey", "rotate", "ZZ", "--store", Store], "credentials: the key id is 16 hexadecimal digits"),
            (["apikey", "rotate", "0123456789abcdef", "--store", Store], "credentials: there is no API key 0123456789abcdef."),
            (["apikey", "rotate", "0123456789abcdef", "--grace", "5y", "--store", Store], "credentials: --grace: '5y' is not a period such as 30m, 24h or 7d."),
            (["apikey", "rotate", "0123456789abcdef", "--grace", "31d", "--store", Store], "credentials: --grace: at most 30d."),
            (["apikey", "revoke", "0123456789abcdef", "--store", Store], "credentials: there is no API key 0123456789abcdef."),
            (["apikey", "list", "--store", "Host=127.0.0.1;Port=1;Username=u;Password=never-shown;Database=d;Timeout=2"], "credentials: the state database: cannot connect to PostgreSQL at 127.0.0.1:1/d: connection refused"),
        };
        foreach (var (args, message) in cases)
        {
            var result = CliProcess.Run(args);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', args)}: {result}");
            Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("never-shown", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("crk_", result.Out, StringComparison.Ordinal);
        }

        var empty = CliProcess.Run("apikey", "list", "--store", Store);
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal($"No API keys in {Store}.", empty.Out.Trim());
    }

    private static async Task<HttpStatusCode> Me(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }
}
