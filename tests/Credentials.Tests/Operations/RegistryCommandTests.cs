using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// <c>credentials registry import | status | export</c> as a child process: every unusable input is one line on
/// standard error naming the option or file and what is wrong, with exit 2, and never raw .NET text.
/// </summary>
public sealed class RegistryCommandTests : IDisposable
{
    private static readonly string Key = Repository.Samples("keys", "es256.key.pem");
    private static readonly string Certificate = Repository.Samples("keys", "es256.cert.pem");
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-registry-cli-").FullName;

    private string Database => Path.Combine(folder, "registry.db");

    private string Imported
    {
        get
        {
            if (!File.Exists(Database))
            {
                var import = CliProcess.Run("registry", "import", Repository.Samples("registry.json"), "--registry", Database);
                Assert.True(import.ExitCode == 0, import.ToString());
            }

            return Database;
        }
    }

    [Fact]
    public void Status_without_a_registry_is_unusable_input_pointing_to_import()
    {
        var result = CliProcess.Run("registry", "status", "--registry", Database);
        AssertRefused(result, "there is no registry at ");
        Assert.Contains("credentials registry import FILE", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database), "status created a registry");
    }

    [Fact]
    public void Status_shows_the_size_when_the_data_last_changed_and_when_it_was_last_confirmed_current()
    {
        var result = CliProcess.Run("registry", "status", "--registry", Imported);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("(schema 4): 3 issuer(s), 2 certificate(s), 0 withdrawn certificate link(s).", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Last changed: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, by the import of registry\.json\.$", lines[1]);
        Assert.Matches(@"^Last confirmed current: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, by the import of registry\.json\.$", lines[2]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("745")]
    [InlineData("a day")]
    public void A_snapshot_validity_out_of_range_is_refused_not_clamped(string hours)
    {
        var output = Path.Combine(folder, "snapshot.jwt");
        var result = CliProcess.Run("registry", "export", "--registry", Imported, "--signed", "--key", Key, "--cert", Certificate, "--out", output, "--valid-hours", hours);
        AssertRefused(result, "--valid-hours: ");
        Assert.Contains("1 to 744 hours", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_signed_snapshot_says_when_its_next_update_is_due()
    {
        var output = Path.Combine(folder, "snapshot.jwt");
        var database = Imported;
        var before = DateTime.UtcNow.AddHours(744);
        var result = CliProcess.Run("registry", "export", "--registry", database, "--signed", "--key", Key, "--cert", Certificate, "--out", output, "--valid-hours", "744");
        var after = DateTime.UtcNow.AddHours(744);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($"next update due ({before:yyyy-MM-dd}|{after:yyyy-MM-dd}) ", result.Out);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Theory]
    [InlineData("--key")]
    [InlineData("--cert")]
    [InlineData("--valid-hours")]
    public void A_signing_option_without_signed_is_refused(string option)
    {
        var output = Path.Combine(folder, "list.json");
        var value = option switch { "--key" => Key, "--cert" => Certificate, _ => "12" };
        var result = CliProcess.Run("registry", "export", "--registry", Imported, "--out", output, option, value);
        AssertRefused(result, option + " is for a signed snapshot: add --signed");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_to_a_folder_is_refused_naming_the_option()
    {
        var result = CliProcess.Run("registry", "export", "--registry", Imported, "--out", folder);
        AssertRefused(result, "--out: ");
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("missing", "does not exist")]
    [InlineData("not-json", "is not a resolver list: the registry is not valid JSON")]
    [InlineData("wrong-shape", "is not a resolver list: issuers[0].countryCode")]
    public void An_unusable_list_is_one_line_naming_the_file(string kind, string expected)
    {
        var list = Path.Combine(folder, "list.json");
        switch (kind)
        {
            case "folder":
                Directory.CreateDirectory(list);
                break;
            case "not-json":
                File.WriteAllText(list, "<html>maintenance</html>");
                break;
            case "wrong-shape":
                File.WriteAllText(list, """{"issuers":[{"countryCode":"XX","officialID":"0120"}]}""");
                break;
        }

        var result = CliProcess.Run("registry", "import", list, "--registry", Database);
        AssertRefused(result, $"the list '{list}' ");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("import")]
    [InlineData("export")]
    public void A_folder_or_a_file_that_is_not_a_database_as_the_registry_is_one_line(string command)
    {
        var notADatabase = Path.Combine(folder, "notes.db");
        File.WriteAllText(notADatabase, new string('x', 4096));
        foreach (var registry in new[] { folder, notADatabase })
        {
            string[] args = command switch
            {
                "import" => ["registry", "import", Repository.Samples("registry.json"), "--registry", registry],
                "export" => ["registry", "export", "--registry", registry, "--out", Path.Combine(folder, "out.json")],
                _ => ["registry", "status", "--registry", registry],
            };
            var result = CliProcess.Run(args);
            AssertRefused(result, string.Empty);
            Assert.Contains(registry == folder ? "is a folder" : "is not a registry database", result.Error, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static void AssertRefused(CliProcess.Result result, string start)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("credentials: " + start, line, StringComparison.Ordinal);
        foreach (var raw in new[] { "(Parameter", "System.", "Exception", "SQLite Error", "Access to the path" })
        {
            Assert.DoesNotContain(raw, line, StringComparison.Ordinal);
        }
    }
}
