using System.Text;
using Credentials.Issuance.Demo;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Trust;

/// <summary>Sync from a resolver on 127.0.0.1: the project's own list endpoint, and one that injects faults.</summary>
public sealed class RegistrySyncTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-sync-").FullName;
    private readonly LoopbackHttpServer server = new();
    private readonly HttpClient http = new();
    private readonly RegistryStore store;
    private readonly RegistrySync sync;

    public RegistrySyncTests()
    {
        store = RegistryStore.Open(Path.Combine(folder, "registry.db"));
        sync = new RegistrySync(store, TimeProvider.System) { Backoff = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)] };
    }

    private static byte[] SampleList() => File.ReadAllBytes(Repository.Samples("registry.json"));

    private EcResolverSource Source(TimeSpan? timeout = null) => new(http, server.Url("/"), timeout);

    private void ServeList(Func<byte[]> body) => server.Serve(EcResolverSource.ListPath, body);

    private RegistryStatus Status() => store.Status();

    [Fact]
    public async Task A_sync_adds_then_a_later_sync_changes_and_withdraws()
    {
        ServeList(SampleList);
        var first = await sync.SyncAsync(Source());
        Assert.Equal(SyncOutcome.Updated, first.Outcome);
        Assert.Equal((3, 2, 4), (first.Import!.IssuersAdded, first.Import.CertificatesAdded, first.Import.LinksAdded));

        // The next list drops BE:0500 and shortens BE:0120's accreditation.
        var issuers = ResolverListFormat.Read(new MemoryStream(SampleList())).Where(i => i.Id.LocalId != "0500").ToList();
        issuers[0] = issuers[0] with { AccreditationPeriods = [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), new DateOnly(2030, 12, 31))] };
        ServeList(() => Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(issuers)));
        var second = await sync.SyncAsync(Source());
        Assert.Equal(SyncOutcome.Updated, second.Outcome);
        Assert.Equal(1, second.Import!.LinksWithdrawn);
        Assert.Equal(3, Status().Issuers); // withdrawn, not deleted
        Assert.DoesNotContain(store.Load().Issuers.Single(i => i.Id.LocalId == "0500").Certificates, c => c.IsValidOn(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1))));
    }

    [Fact]
    public async Task An_unchanged_list_is_not_downloaded_again_when_the_resolver_sends_an_ETag()
    {
        var conditional = 0;
        server.Handle(EcResolverSource.ListPath, request =>
        {
            if (request.Headers["If-None-Match"] == "\"v1\"")
            {
                Interlocked.Increment(ref conditional);
                return new LoopbackHttpServer.Reply(304, []);
            }

            return new LoopbackHttpServer.Reply(200, SampleList(), new Dictionary<string, string> { ["ETag"] = "\"v1\"" });
        });

        Assert.Equal(SyncOutcome.Updated, (await sync.SyncAsync(Source())).Outcome);
        var again = await sync.SyncAsync(Source());
        Assert.Equal(SyncOutcome.NotModified, again.Outcome);
        Assert.Equal(1, conditional);
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_with_back_off()
    {
        var calls = 0;
        server.Handle(EcResolverSource.ListPath, _ => Interlocked.Increment(ref calls) <= 2 ? new LoopbackHttpServer.Reply(503, []) : new LoopbackHttpServer.Reply(200, SampleList()));
        var report = await sync.SyncAsync(Source());
        Assert.Equal((SyncOutcome.Updated, 3), (report.Outcome, report.Attempts));
    }

    public static TheoryData<string> Faults => new() { "http500", "truncated", "not-json", "empty", "timeout", "client-error" };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_failed_download_changes_nothing_and_says_why(string fault)
    {
        ServeList(SampleList);
        await sync.SyncAsync(Source());
        var before = Status();
        var full = SampleList();
        server.Handle(EcResolverSource.ListPath, _ => fault switch
        {
            "http500" => new LoopbackHttpServer.Reply(500, "boom"u8.ToArray()),
            "truncated" => new LoopbackHttpServer.Reply(200, full[..(full.Length / 2)]),
            "not-json" => new LoopbackHttpServer.Reply(200, "<html>maintenance</html>"u8.ToArray()),
            "empty" => new LoopbackHttpServer.Reply(200, """{"issuers":[]}"""u8.ToArray()),
            "timeout" => new LoopbackHttpServer.Reply(200, full, Delay: TimeSpan.FromSeconds(2)),
            _ => new LoopbackHttpServer.Reply(404, []),
        });

        var report = await sync.SyncAsync(Source(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(SyncOutcome.Failed, report.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(report.Message));
        var after = Status();
        Assert.Equal((before.Issuers, before.Certificates, before.WithdrawnLinks, before.LastImportAt), (after.Issuers, after.Certificates, after.WithdrawnLinks, after.LastImportAt));
    }

    [Fact]
    public void The_command_line_syncs_from_a_resolver_address()
    {
        ServeList(SampleList);
        var database = Path.Combine(folder, "cli.db");
        var result = Cli.CliRunner.Run("registry", "sync", "--from", server.Url("/").ToString(), "--registry", database);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("3 issuer(s) read", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, Cli.CliRunner.Run("registry", "sync", "--from", server.Url("/nothing-here/").ToString(), "--registry", database).ExitCode);
    }

    public void Dispose()
    {
        store.Dispose();
        http.Dispose();
        server.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
