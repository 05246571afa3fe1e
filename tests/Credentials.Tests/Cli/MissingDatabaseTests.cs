namespace Credentials.Tests.Cli;

/// <summary>
/// A command that only reads or changes a database, given a path where there is none (a typing error): exit 2, "there
/// is no database at …", and no file created (it would be an empty database the command then answered from).
/// </summary>
public sealed class MissingDatabaseTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-nodb-").FullName;

    private string Missing => Path.Combine(folder, "nosuch.db");

    public static TheoryData<string[]> ReadingCommands => new()
    {
        { ["status", "revoke", "--credential", "x", "--store", "{db}"] },
        { ["status", "suspend", "--credential", "x", "--store", "{db}"] },
        { ["status", "reinstate", "--credential", "x", "--store", "{db}"] },
        { ["status", "publish", "--store", "{db}", "--out-dir", "{folder}/www", "--key", "samples/keys/es256.key.pem", "--cert", "samples/keys/es256.cert.pem"] },
        { ["apikey", "list", "--store", "{db}"] },
        { ["apikey", "rotate", "0123456789abcdef", "--store", "{db}"] },
        { ["apikey", "revoke", "0123456789abcdef", "--store", "{db}"] },
        { ["account", "list", "--store", "{db}"] },
        { ["account", "disable", "--user", "anna", "--store", "{db}"] },
    };

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public void A_command_that_reads_a_database_does_not_create_it(string[] args)
    {
        var result = CliProcess.Run(args.Select(a => a.Replace("{db}", Missing, StringComparison.Ordinal).Replace("{folder}", folder, StringComparison.Ordinal)));
        CliSamples.AssertUsageError(result, $"there is no database at '{Missing}'");
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Revoking_with_a_missing_issuer_database_changes_no_list()
    {
        var list = Path.Combine(folder, "revoked.jwt");
        var result = CliProcess.Run(["revoke", "--jti", "x", "--list", list, "--institution", "BE:0120", "--store", Missing, .. CliSamples.Key]);
        CliSamples.AssertUsageError(result, $"--store: there is no database at '{Missing}'");
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void The_registry_server_does_not_create_a_registry()
    {
        var result = CliProcess.Run("registry", "serve", "--registry", Missing, "--urls", "http://127.0.0.1:0");
        CliSamples.AssertUsageError(result, "--registry: ");
        Assert.Contains("there is no registry", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
