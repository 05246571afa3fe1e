using System.Globalization;
using Credentials.Model;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// The test assembly's entry point, for the test that allocates from two processes on one database (an SQLite file,
/// or PostgreSQL as two hosts would): started as
/// <c>dotnet exec Credentials.Wallet.Tests.dll allocate-status-entries COUNT CAPACITY START OUT</c> with the database's
/// path or connection string in <see cref="DatabaseVariable"/>, it waits for the file START to appear (so both
/// processes run at once), allocates COUNT entries, and writes one <c>uri idx</c> line per entry to OUT. The test
/// runner never calls it.
/// </summary>
public static class AllocationWorker
{
    public const string Command = "allocate-status-entries";

    /// <summary>The environment variable with the database's path or connection string.</summary>
    public const string DatabaseVariable = "CREDENTIALS_ALLOCATION_DATABASE";

    public static int Main(string[] args)
    {
        var database = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (args is not [Command, var count, var capacity, var start, var output] || string.IsNullOrEmpty(database))
        {
            Console.Error.WriteLine($"usage: {DatabaseVariable}=DB {Command} COUNT CAPACITY START OUT");
            return 2;
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!File.Exists(start) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        using var store = Credentials.Database.DatabaseLocation.IsPostgreSqlLocation(database)
            ? (IDisposable)PostgresStatusListStore.Open(database, TimeProvider.System)
            : SqliteStatusListStore.Open(database, TimeProvider.System);
        var issuer = new StatusListIssuer((IStatusListStore)store, new StatusListIssuerOptions
        {
            BaseAddress = new Uri("https://issuer.example/status/"),
            TestEntriesPerList = int.Parse(capacity, CultureInfo.InvariantCulture),
        }, TimeProvider.System);
        var institution = InstitutionId.Parse("BE:0120");
        var lines = new List<string>();
        for (var i = 0; i < int.Parse(count, CultureInfo.InvariantCulture); i++)
        {
            var entry = issuer.Allocate(institution, $"process-{Environment.ProcessId}-{i}");
            lines.Add($"{entry.List.OriginalString} {entry.Index}");
        }

        File.WriteAllLines(output, lines);
        return 0;
    }
}
