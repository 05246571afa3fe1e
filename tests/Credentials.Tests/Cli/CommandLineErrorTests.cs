namespace Credentials.Tests.Cli;

/// <summary>
/// Values the command line cannot use, as a new user typed them: each is one line naming the option (or argument)
/// and what is wrong, never a .NET type name or the file system's own words; nothing is written.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-errors-").FullName;

    private string File(string name) => Path.Combine(folder, name);

    private string AFile()
    {
        System.IO.File.WriteAllText(File("prc.txt"), "not a folder\n");
        return File("prc.txt");
    }

    [Fact]
    public void A_number_that_is_not_one_or_is_too_large_names_the_option_in_words()
    {
        var workers = CliProcess.Run(["issue", "batch", "--requests", Repository.Samples("requests", "batch.jsonl"), .. CliSamples.Key, "--out-dir", File("out"), "--workers", "abc"]);
        CliSamples.AssertUsageError(workers, "--workers: 'abc' is not a whole number");

        var entries = CliProcess.Run(["status", "create", "w2", "--base-uri", "https://status.example.org/", "--store", File("issuer.db"), "--entries", "99999999999"]);
        CliSamples.AssertUsageError(entries, "--entries: '99999999999' is too large");
        Assert.DoesNotContain("Int32", entries.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(File("out")));
        Assert.False(System.IO.File.Exists(File("issuer.db")));
    }

    [Fact]
    public void An_output_folder_that_is_a_file_or_cannot_be_created_is_named_as_such()
    {
        var file = AFile();
        CliSamples.AssertUsageError(CliProcess.Run(["issue", "batch", "--requests", Repository.Samples("requests", "batch.jsonl"), .. CliSamples.Key, "--out-dir", file]), $"--out-dir: '{file}' is a file, not a folder");
        CliSamples.AssertUsageError(CliProcess.Run("demo", "--out", file), $"--out: '{file}' is a file, not a folder");
        CliSamples.AssertUsageError(CliProcess.Run("demo", "--out", Path.Combine(file, "demo")), $"--out: the folder '{Path.Combine(file, "demo")}' cannot be created: '{file}' is a file");
        Assert.Equal("not a folder\n", System.IO.File.ReadAllText(file));
    }

    [SkippableFact]
    public void A_folder_the_file_system_refuses_is_one_line()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs /proc, a file system that refuses new folders");
        CliSamples.AssertUsageError(CliProcess.Run("demo", "--out", "/proc/demo"), "--out: the folder '/proc/demo' cannot be created");
    }

    [Fact]
    public void A_settings_file_that_is_not_JSON_names_the_option_and_the_line()
    {
        System.IO.File.WriteAllBytes(File("junk.bin"), [0x7B, 0x0A, 0x22, 0x61, 0x22, 0x3A, 0x0A, 0xFF, 0xFE, 0x00, 0x01]);
        CliSamples.AssertUsageError(CliProcess.Run("serve", "--config", File("junk.bin")), $"--config: '{File("junk.bin")}' is not valid JSON (line 3)");
        System.IO.File.WriteAllText(File("broken.json"), "{\n  \"Credentials\": {\n    \"PublicBaseUrl\": \n  }\n}\n");
        CliSamples.AssertUsageError(CliProcess.Run("serve", "--config", File("broken.json")), "is not valid JSON (line 4)");
    }

    public static TheoryData<string[], string> EmptyValues => new()
    {
        { ["verify", "", "--registry", "samples/registry.json"], "INPUT: an empty path" },
        { ["verify", "samples/prc-es256/qr.base45.txt", "--registry", ""], "--registry: an empty path" },
        { ["issue", "prc", "--request", "", "--key", "samples/keys/es256.key.pem", "--cert", "samples/keys/es256.cert.pem"], "--request: an empty path" },
        { ["issue", "prc", "--request", "samples/requests/prc.json", "--key", "samples/keys/es256.key.pem", "--cert", "samples/keys/es256.cert.pem", "--out-pdf", ""], "--out-pdf: an empty path" },
        { ["issue", "batch", "--requests", "samples/requests/batch.jsonl", "--key", "samples/keys/es256.key.pem", "--cert", "samples/keys/es256.cert.pem", "--out-dir", ""], "--out-dir: an empty path" },
        { ["demo", "--out", ""], "--out: an empty path" },
        { ["revoke", "--jti", "x", "--list", "", "--key", "samples/keys/es256.key.pem", "--institution", "BE:0120"], "--list: an empty path" },
        { ["status", "publish", "--store", " ", "--out-dir", "www", "--key", "samples/keys/es256.key.pem"], "--store: an empty path" },
        { ["apikey", "create", "--institution", "BE:0120", "--name", ""], "--name: an empty value" },
    };

    [Theory]
    [MemberData(nameof(EmptyValues))]
    public void An_empty_value_names_its_option(string[] args, string expected) =>
        CliSamples.AssertUsageError(CliProcess.Run(args), expected);

    [Fact]
    public void At_most_one_output_goes_to_standard_output()
    {
        var result = CliProcess.Run(["issue", "prc", "--request", CliSamples.WriteRequest(folder), .. CliSamples.Key, "--out-png", "-", "--out-svg", "-"]);
        CliSamples.AssertUsageError(result, "--out-png, --out-svg: only one output may go to standard output (-)");
        Assert.Empty(result.Out);
    }

    [Fact]
    public void An_expiry_in_the_past_is_quoted_as_typed()
    {
        var result = CliProcess.Run("apikey", "create", "--institution", "BE:0120", "--name", "integration", "--expires", "2020-01-01", "--store", File("state.db"));
        CliSamples.AssertUsageError(result, "--expires: 2020-01-01 is not in the future");
        Assert.DoesNotContain("2020-01-02", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
