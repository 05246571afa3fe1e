using System.Data.Common;
using Credentials.Trust.Store;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Trust;

/// <summary>The persistent registry on a real SQLite file in a temporary folder, and what only a file has.</summary>
public sealed class SqliteRegistryStoreTests : RegistryStoreTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-store-").FullName;

    protected override string Location => DatabasePath;

    protected override string NameInMessages => DatabasePath;

    private string DatabasePath => Path.Combine(folder, "registry.db");

    [Fact]
    public void The_store_is_an_sqlite_file_that_the_trust_sources_recognise()
    {
        Assert.False(RegistryStore.IsDatabaseFile(DatabasePath));
        using (var store = OpenStore())
        {
            store.Import(Sample(), "registry.json", Monday);
        }

        Assert.True(RegistryStore.IsDatabaseFile(DatabasePath));
        Assert.Equal(3, TrustSources.Open(DatabasePath, new Credentials.Trust.TrustSourceOptions()).Issuers.Count);
    }

    [Fact]
    public void The_command_line_imports_reports_status_and_verifies_against_the_database()
    {
        var import = Cli.CliRunner.Run("registry", "import", Repository.Samples("registry.json"), "--registry", DatabasePath);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("3 issuer(s)", import.Out, StringComparison.Ordinal);

        var status = Cli.CliRunner.Run("registry", "status", "--registry", DatabasePath);
        Assert.Contains("3 issuer(s), 2 certificate(s)", status.Out, StringComparison.Ordinal);

        var verify = Cli.CliRunner.Run("verify", Repository.Samples("prc-es256", "qr.png"), "--registry", DatabasePath, "--offline");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);

        var empty = Path.Combine(folder, "empty.json");
        File.WriteAllText(empty, """{"issuers":[]}""");
        var refused = Cli.CliRunner.Run("registry", "import", empty, "--registry", DatabasePath);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Nothing was changed", refused.Error, StringComparison.Ordinal);
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    protected override void RecordSchemaVersion(int version)
    {
        // The registry file has always kept its version in the SQLite header.
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version};";
        command.ExecuteNonQuery();
    }

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
