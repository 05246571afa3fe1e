using System.Globalization;
using System.Text.Json;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// A registry kept by <c>registry sync</c> from a resolver whose list does not change: a "not modified" answer confirms
/// the data current, so verification keeps passing step 4 long after the list last changed (EC ePRC spec §5, "Offline").
/// </summary>
public sealed class TrustDataFreshnessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-fresh-").FullName;
    private readonly LoopbackHttpServer resolver = new();

    private string Database => Path.Combine(folder, "registry.db");

    [Fact]
    public void A_not_modified_sync_confirms_the_data_current_and_keeps_when_it_last_changed()
    {
        // Synced eight days ago, past the seven-day hard limit; the resolver's list has not changed since.
        var eightDaysAgo = DateTimeOffset.UtcNow.AddDays(-8);
        var source = resolver.Url(EcResolverSource.ListPath).ToString(); // the name a sync from resolver.Url("/") records
        using (var store = RegistryStore.Open(Database))
        {
            store.Import(ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json"))), source, eightDaysAgo, ("\"v1\"", null));
        }

        var conditional = 0;
        resolver.Handle(EcResolverSource.ListPath, request =>
        {
            if (request.Headers["If-None-Match"] == "\"v1\"")
            {
                Interlocked.Increment(ref conditional);
                return new LoopbackHttpServer.Reply(304, [], new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
            }

            return new LoopbackHttpServer.Reply(200, File.ReadAllBytes(Repository.Samples("registry.json")), new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
        });

        var stale = StepFour();
        Assert.Equal("TRUST_DATA_TOO_OLD", stale.Code);

        var syncedFrom = DateTime.UtcNow;
        var sync = CliProcess.Run("registry", "sync", "--from", resolver.Url("/").ToString(), "--registry", Database);
        var syncedBy = DateTime.UtcNow;
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Equal(1, conditional);
        Assert.Contains("has not changed since the last sync; the registry is confirmed current", sync.Out, StringComparison.Ordinal);

        var status = CliProcess.Run("registry", "status", "--registry", Database);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"Last changed: {eightDaysAgo.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, by a sync of {source}.", status.Out, StringComparison.Ordinal);
        Assert.Matches($"Last confirmed current: ({syncedFrom:yyyy-MM-dd}|{syncedBy:yyyy-MM-dd}) ", status.Out);
        Assert.Contains($"by a sync of {source} (not modified).", status.Out, StringComparison.Ordinal);

        var fresh = StepFour();
        Assert.Equal("PASSED", fresh.Result);
        Assert.True(fresh.AsOf > DateTimeOffset.UtcNow.AddMinutes(-5), $"as of {fresh.AsOf:O}");

        // Append-only: the confirmation is a new sync event; the registry's content has no new revision.
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        Assert.Equal((2L, 3L), (Scalar(connection, "SELECT COUNT(*) FROM sync_events"), Scalar(connection, "SELECT COUNT(*) FROM issuer_revisions")));
        Assert.Equal("not-modified", Text(connection, "SELECT outcome FROM sync_events ORDER BY id DESC LIMIT 1"));
    }

    public void Dispose()
    {
        resolver.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Verifies the sample QR against the database, offline, and answers step 4 and the trust data's as-of time.</summary>
    private (string Result, string? Code, DateTimeOffset? AsOf) StepFour()
    {
        var verify = CliProcess.Run("verify", Repository.Samples("prc-es256", "qr.base45.txt"), "--registry", Database, "--offline", "--format", "json");
        Assert.True(verify.ExitCode is 0 or 1, verify.ToString());
        using var report = JsonDocument.Parse(verify.Out);
        var step = report.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 4);
        DateTimeOffset? asOf = report.RootElement.TryGetProperty("trustData", out var trust)
            ? DateTimeOffset.Parse(trust.GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture)
            : null;
        return (step.GetProperty("result").GetString()!, step.TryGetProperty("code", out var code) ? code.GetString() : null, asOf);
    }
}
