using System.Collections.Concurrent;
using System.Diagnostics;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// The issuer's side on each store, the same tests on a real SQLite file (<see cref="SqliteStatusListIssuerTests"/>)
/// and a real PostgreSQL database (<see cref="PostgresStatusListIssuerTests"/>): allocation, status rules, publication,
/// persistence, concurrency from threads and from two processes.
/// </summary>
public abstract class StatusListIssuerTests : IDisposable
{
    private static readonly InstitutionId Institution = StatusListPki.Institution;
    private static readonly Uri BaseAddress = new("https://issuer.example/status/");

    private readonly List<IDisposable> stores = [];

    protected FakeTimeProvider Clock { get; } = Testing.Clock.At(2026, 6, 15);

    /// <summary>Where this test's state is (a new one per test): a file path or a connection string.</summary>
    protected abstract string Location { get; }

    /// <summary>Opens a store on <see cref="Location"/>, as a host starting would.</summary>
    protected abstract IStatusListStore OpenStore();

    /// <summary>Runs one statement on the database with a connection of its own; its scalar result.</summary>
    protected abstract object? QueryScalar(string sql);

    /// <summary>A folder for this test's files (the worker processes' start signal and outputs).</summary>
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), $"credentials-status-lists-{Guid.NewGuid():N}");

    [SkippableFact]
    public void Indexes_are_random_distinct_and_spread_over_the_whole_list()
    {
        var issuer = Issuer(Options());
        var entries = Enumerable.Range(0, 200).Select(i => issuer.Allocate(Institution, $"jti-{i}")).ToList();

        Assert.All(entries, e => Assert.Equal(new Uri(BaseAddress, "BE-0120/1"), e.List));
        Assert.Equal(200, entries.Select(e => e.Index).Distinct().Count());
        Assert.All(entries, e => Assert.InRange(e.Index, 0, StatusListIssuerOptions.MinimumEntriesPerList - 1));
        Assert.True(entries.Max(e => e.Index) - entries.Min(e => e.Index) > StatusListIssuerOptions.MinimumEntriesPerList / 2);

        // No ordering that tells the order of issuance: about half the neighbours go up, half go down.
        var ascending = entries.Zip(entries.Skip(1)).Count(pair => pair.Second.Index > pair.First.Index);
        Assert.InRange(ascending, 60, 139);
    }

    [SkippableFact]
    public void A_new_list_is_opened_when_one_is_three_quarters_full()
    {
        var issuer = Issuer(Options(testEntries: 64));
        var first = Enumerable.Range(0, 48).Select(i => issuer.Allocate(Institution, $"jti-{i}")).ToList();
        Assert.All(first, e => Assert.Equal(new Uri(BaseAddress, "BE-0120/1"), e.List));
        Assert.Equal(48, first.Select(e => e.Index).Distinct().Count());
        Assert.All(first, e => Assert.InRange(e.Index, 0, 63));

        var next = issuer.Allocate(Institution, "jti-48");
        Assert.Equal(new Uri(BaseAddress, "BE-0120/2"), next.List);
        var lists = Store().Lists();
        Assert.Equal([48, 1], lists.Select(l => l.Allocated));
        Assert.All(lists, l => Assert.Equal(new StatusListShape(2, 64), l.Shape));
    }

    [SkippableFact]
    public void Each_institution_has_its_own_lists()
    {
        var issuer = Issuer(Options());
        Assert.Equal(new Uri(BaseAddress, "BE-0120/1"), issuer.Allocate(Institution, "a").List);
        Assert.Equal(new Uri(BaseAddress, "BE-0999/1"), issuer.Allocate(StatusListPki.OtherInstitution, "a").List);
    }

    [SkippableFact]
    public void Production_lists_cannot_be_smaller_than_2_to_the_17()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StatusListIssuerOptions { BaseAddress = BaseAddress, EntriesPerList = 1024 });
        Assert.Contains("at least 131072", error.Message, StringComparison.Ordinal);
        Assert.Equal(1 << 18, new StatusListIssuerOptions { BaseAddress = BaseAddress, EntriesPerList = 1 << 18 }.EntriesPerList);
        Assert.Equal(2, new StatusListIssuerOptions { BaseAddress = BaseAddress }.Bits);
    }

    [SkippableFact]
    public void Inconsistent_lifetimes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Issuer(Options() with { TimeToLive = TimeSpan.FromDays(2) }));
        Assert.Throws<ArgumentException>(() => Issuer(Options() with { RepublishBefore = TimeSpan.FromDays(1) }));
        Assert.Throws<ArgumentException>(() => new StatusListIssuerOptions { BaseAddress = new Uri("https://issuer.example/status") });
    }

    [SkippableFact]
    public void A_credential_gets_one_entry_only()
    {
        var issuer = Issuer(Options());
        issuer.Allocate(Institution, "jti-1");
        var error = Assert.Throws<StatusListIssuanceException>(() => issuer.Allocate(Institution, "jti-1"));
        Assert.Contains("already has one", error.Message, StringComparison.Ordinal);
        Assert.Single(Store().Lists());
        Assert.Equal(1, Store().Lists()[0].Allocated);
    }

    [SkippableFact]
    public void Suspension_and_reinstatement_follow_the_rules_and_revocation_is_final()
    {
        var issuer = Issuer(Options());
        issuer.Allocate(Institution, "jti-1");

        Assert.True(issuer.Suspend(Institution, "jti-1"));
        Assert.Equal(StatusTypes.Suspended, Status("jti-1"));
        Assert.False(issuer.Suspend(Institution, "jti-1"));
        Assert.True(issuer.Reinstate(Institution, "jti-1"));
        Assert.Equal(StatusTypes.Valid, Status("jti-1"));
        AssertRefused(() => issuer.Reinstate(Institution, "jti-1"), "refused to reinstate the credential: the credential is not suspended; only a suspended credential can be reinstated.");

        Assert.True(issuer.Suspend(Institution, "jti-1"));
        Assert.True(issuer.Revoke(Institution, "jti-1"));
        Assert.Equal(StatusTypes.Invalid, Status("jti-1"));
        Assert.False(issuer.Revoke(Institution, "jti-1"));
        AssertRefused(() => issuer.Reinstate(Institution, "jti-1"), "refused to reinstate the credential: the credential is revoked, and revocation is final.");
        AssertRefused(() => issuer.Suspend(Institution, "jti-1"), "refused to suspend the credential: the credential is revoked, and revocation is final.");
        Assert.Equal(StatusTypes.Invalid, Status("jti-1"));
    }

    [SkippableFact]
    public void A_refused_change_changes_nothing_and_a_real_one_raises_the_version()
    {
        var issuer = Issuer(Options());
        issuer.Allocate(Institution, "jti-1");
        Assert.Equal(0, Store().Lists()[0].Version);
        issuer.Revoke(Institution, "jti-1");
        Assert.Equal(1, Store().Lists()[0].Version);
        issuer.Revoke(Institution, "jti-1");
        Assert.Throws<StatusListIssuanceException>(() => issuer.Reinstate(Institution, "jti-1"));
        Assert.Equal(1, Store().Lists()[0].Version);
    }

    [SkippableFact]
    public void A_credential_without_an_entry_is_refused_by_name_of_the_problem()
    {
        var issuer = Issuer(Options());
        AssertRefused(() => issuer.Revoke(Institution, "jti-unknown"), "refused to revoke the credential: it has no entry on this issuer's status lists.");
    }

    [SkippableFact]
    public void A_one_bit_list_revokes_but_cannot_suspend()
    {
        var issuer = Issuer(Options() with { Bits = 1 });
        issuer.Allocate(Institution, "jti-1");
        AssertRefused(() => issuer.Suspend(Institution, "jti-1"), "refused to suspend the credential: its status list has 1 bit per entry, which cannot say suspended.");
        Assert.True(issuer.Revoke(Institution, "jti-1"));
        Assert.Equal(new StatusListShape(1, StatusListIssuerOptions.MinimumEntriesPerList), Store().Lists()[0].Shape);
    }

    [SkippableFact]
    public void Entries_and_statuses_survive_reopening_and_no_index_is_handed_out_again()
    {
        var entries = new List<StatusListEntry>();
        var issuer = Issuer(Options(testEntries: 64));
        for (var i = 0; i < 30; i++)
        {
            entries.Add(issuer.Allocate(Institution, $"jti-{i}"));
        }

        issuer.Revoke(Institution, "jti-3");
        issuer.Suspend(Institution, "jti-4");
        foreach (var store in stores)
        {
            store.Dispose();
        }

        stores.Clear();

        var reopened = Store();
        Assert.Equal(StatusTypes.Invalid, reopened.Find(Institution, "jti-3")!.Status);
        Assert.Equal(StatusTypes.Suspended, reopened.Find(Institution, "jti-4")!.Status);
        Assert.Equal(entries[7], reopened.Find(Institution, "jti-7")!.Entry);
        Assert.Equal(30, reopened.Lists()[0].Allocated);

        var again = Issuer(Options(testEntries: 64));
        for (var i = 30; i < 48; i++)
        {
            entries.Add(again.Allocate(Institution, $"jti-{i}"));
        }

        Assert.Equal(48, entries.Distinct().Count());
        Assert.Equal([2, 2], new[] { reopened.Read(entries[0].List)!.Statuses.Count, reopened.Read(entries[0].List)!.Statuses.Values.Distinct().Count() });
    }

    [SkippableFact]
    public void The_schema_version_is_recorded_once_and_a_newer_database_is_refused()
    {
        Store();
        Store();
        Assert.Equal(1L, Convert.ToInt64(QueryScalar("SELECT COUNT(*) FROM schema_versions WHERE component = 'status_lists';"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(QueryScalar("SELECT MAX(version) FROM schema_versions WHERE component = 'status_lists';"), System.Globalization.CultureInfo.InvariantCulture));

        QueryScalar("INSERT INTO schema_versions (component, version, applied_at) VALUES ('status_lists', 99, 'later');");
        var error = Assert.Throws<StatusListIssuanceException>(() => OpenStore());
        Assert.Contains("schema version 99, newer than this program's 1", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_publication_signs_the_lists_current_state_in_both_forms()
    {
        using var pki = new StatusListPki(Clock.GetUtcNow().AddDays(-30));
        var signer = pki.IssueSigner("BE:0120 status signer");
        var issuer = Issuer(Options());
        var valid = issuer.Allocate(Institution, "jti-valid");
        var revoked = issuer.Allocate(Institution, "jti-revoked");
        var suspended = issuer.Allocate(Institution, "jti-suspended");
        issuer.Revoke(Institution, "jti-revoked");
        issuer.Suspend(Institution, "jti-suspended");

        var publication = issuer.Publish(valid.List, signer);
        Assert.Equal(Clock.GetUtcNow(), publication.IssuedAt);
        Assert.Equal(Clock.GetUtcNow().AddHours(24), publication.ExpiresAt);
        Assert.Equal(2, publication.Version);

        foreach (var token in new[] { SignedStatusListToken.Parse(publication.Jwt).Verify(signer.PublicKey), SignedStatusListToken.Parse(publication.Cwt).Verify(signer.PublicKey) })
        {
            Assert.Equal(valid.List.OriginalString, token.Subject.OriginalString);
            Assert.Equal(publication.IssuedAt, token.IssuedAt);
            Assert.Equal(publication.ExpiresAt, token.ExpiresAt);
            Assert.Equal(TimeSpan.FromHours(1), token.TimeToLive);
            Assert.Equal(StatusListIssuerOptions.MinimumEntriesPerList, token.List.Count);
            Assert.Equal(StatusTypes.Valid, token.List.Get(valid.Index));
            Assert.Equal(StatusTypes.Invalid, token.List.Get(revoked.Index));
            Assert.Equal(StatusTypes.Suspended, token.List.Get(suspended.Index));
        }

        var latest = issuer.LatestPublication(valid.List)!;
        Assert.Equal(publication.Jwt, latest.Jwt);
        Assert.Equal(publication.Cwt, latest.Cwt);
        Assert.Equal(publication.ExpiresAt, latest.ExpiresAt);
    }

    [SkippableFact]
    public void A_list_is_due_when_new_when_changed_and_before_its_exp()
    {
        using var pki = new StatusListPki(Clock.GetUtcNow().AddDays(-30));
        var signer = pki.IssueSigner("BE:0120 status signer");
        var issuer = Issuer(Options());
        var entry = issuer.Allocate(Institution, "jti-1");
        Assert.Equal([entry.List], issuer.DueForPublication());

        issuer.Publish(entry.List, signer);
        Assert.Empty(issuer.DueForPublication());

        issuer.Suspend(Institution, "jti-1");
        Assert.Equal([entry.List], issuer.DueForPublication());
        issuer.Publish(entry.List, signer);
        Assert.Empty(issuer.DueForPublication());

        // 24 h lifetime, re-published 6 h before exp: not due at 17:59 later, due at 18:00.
        Clock.Advance(TimeSpan.FromHours(18) - TimeSpan.FromSeconds(1));
        Assert.Empty(issuer.DueForPublication());
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([entry.List], issuer.DueForPublication());
        issuer.Publish(entry.List, signer);
        Assert.Empty(issuer.DueForPublication());
    }

    [SkippableFact]
    public void An_older_publication_never_replaces_a_newer_one()
    {
        using var pki = new StatusListPki(Clock.GetUtcNow().AddDays(-30));
        var signer = pki.IssueSigner("BE:0120 status signer");
        var issuer = Issuer(Options());
        var entry = issuer.Allocate(Institution, "jti-1");
        var old = issuer.Publish(entry.List, signer);
        issuer.Revoke(Institution, "jti-1");
        Clock.Advance(TimeSpan.FromMinutes(1));
        var current = issuer.Publish(entry.List, signer);

        Store().RecordPublication(old);
        Assert.Equal(current.Jwt, issuer.LatestPublication(entry.List)!.Jwt);
    }

    [SkippableFact]
    public async Task What_the_issuer_publishes_the_verifier_reads_end_to_end()
    {
        using var pki = new StatusListPki(Clock.GetUtcNow().AddDays(-30));
        var signer = pki.IssueSigner("BE:0120 status signer");
        using var server = new LoopbackHttpServer();
        var issuer = Issuer(Options() with { BaseAddress = server.Url("status/") });
        var kept = issuer.Allocate(Institution, "jti-kept");
        var withdrawn = issuer.Allocate(Institution, "jti-withdrawn");
        issuer.Revoke(Institution, "jti-withdrawn");
        foreach (var list in issuer.DueForPublication())
        {
            issuer.Publish(list, signer);
        }

        server.Serve(kept.List.AbsolutePath, () => System.Text.Encoding.ASCII.GetBytes(issuer.LatestPublication(kept.List)!.Jwt));
        using var http = new HttpClient();
        var checker = new TokenStatusListChecker(http, StatusListPki.Registry((Institution, signer)), Clock);
        Assert.Equal(CredentialStatus.Valid, (await checker.CheckAsync(kept, Institution)).Status);
        Assert.Equal(CredentialStatus.Revoked, (await checker.CheckAsync(withdrawn, Institution)).Status);
    }

    [SkippableFact]
    public void Threads_allocating_at_once_never_get_one_index_twice()
    {
        var issuer = Issuer(Options(testEntries: 256));
        var entries = new ConcurrentBag<StatusListEntry>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => entries.Add(issuer.Allocate(Institution, $"jti-{i}")));

        Assert.Equal(400, entries.Distinct().Count());
        var lists = Store().Lists();
        Assert.Equal([192, 192, 16], lists.Select(l => l.Allocated));
        Assert.Equal(400, lists.Sum(l => l.Allocated));
    }

    [SkippableFact]
    public void Two_processes_on_one_database_never_get_one_index_twice()
    {
        Store(); // creates and migrates the database first, as the host would
        Directory.CreateDirectory(Folder);
        var start = Path.Combine(Folder, "start");
        var outputs = new[] { Path.Combine(Folder, "a.txt"), Path.Combine(Folder, "b.txt") };
        var processes = outputs.Select(output => StartWorker(count: 150, capacity: 128, start, output)).ToList();
        File.WriteAllText(start, "go");
        foreach (var process in processes)
        {
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "an allocating process did not finish in time");
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            process.Dispose();
        }

        var lines = outputs.SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(300, lines.Count);
        Assert.Equal(300, lines.Distinct().Count());
        var lists = Store().Lists();
        Assert.Equal(300, lists.Sum(l => l.Allocated));
        Assert.All(lists.SkipLast(1), l => Assert.Equal(96, l.Allocated));
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        Dispose(disposing: true);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Lets go of the database after the stores are disposed.</summary>
    protected abstract void Dispose(bool disposing);

    private static StatusListIssuerOptions Options(int? testEntries = null) => new() { BaseAddress = BaseAddress, TestEntriesPerList = testEntries };

    private StatusListIssuer Issuer(StatusListIssuerOptions options) => new(Store(), options, Clock);

    private IStatusListStore Store()
    {
        var store = OpenStore();
        stores.Add((IDisposable)store);
        return store;
    }

    private byte Status(string credentialId) => Store().Find(Institution, credentialId)!.Status;

    private static void AssertRefused(Action action, string message)
    {
        var error = Assert.Throws<StatusListIssuanceException>(action);
        Assert.Equal(message, error.Message);
    }

    private Process StartWorker(int count, int capacity, string start, string output)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "exec", typeof(AllocationWorker).Assembly.Location, AllocationWorker.Command, count.ToString(System.Globalization.CultureInfo.InvariantCulture), capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), start, output })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // The database by the environment, not the command line: a connection string's password stays out of the process list.
        info.Environment[AllocationWorker.DatabaseVariable] = Location;
        return Process.Start(info) ?? throw new InvalidOperationException("the allocating process did not start.");
    }
}
