using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;
using Microsoft.Data.Sqlite;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>The issuer's side on a real SQLite file in a temporary folder, and what only a file has.</summary>
public sealed class SqliteStatusListIssuerTests : StatusListIssuerTests
{
    protected override string Location => Path.Combine(Folder, "issuer-state.db");

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_in_one_line()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Location, new string('x', 4096));
        var error = Assert.Throws<StatusListIssuanceException>(() => SqliteStatusListStore.Open(Location, Clock));
        Assert.Equal("the status list database 'issuer-state.db' cannot be used: the file is not an SQLite database.", error.Message);
    }

    protected override IStatusListStore OpenStore() => SqliteStatusListStore.Open(Location, Clock);

    protected override object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Location};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    protected override void Dispose(bool disposing) => SqliteConnection.ClearAllPools();
}
