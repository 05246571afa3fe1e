using System.Collections.Concurrent;
using Credentials.Database;
using Credentials.Host.Issuing;
using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Storage;
using Credentials.WireFormat;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// The host's issuer database, the same on an SQLite file and on PostgreSQL: documents delivered once, suspensions,
/// the audit trail, the signed revocation lists, batch items claimed by one host at a time (a lapsed claim taken up
/// by another); a file of the earlier schema brought up to date with its rows; and the whole copied into PostgreSQL.
/// </summary>
public sealed class IssuingStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly InstitutionId Be0120 = InstitutionId.Parse("BE:0120");
    private static readonly Uri PublicBase = new("https://issuer.example.org/");
    private readonly HostScenario scenario = new();
    private QrTokenPayload? sample;

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void A_document_is_delivered_once_suspended_revoked_and_audited(string dialect)
    {
        using var store = Open(dialect, out _);
        Deliver(store, "doc-1");
        Assert.False(store.RecordDelivered("doc-1", Be0120, "prc", "other", "other QR"));
        Assert.Equal(("QR doc-1", DocumentState.Valid), (store.Find("doc-1")!.QrText, store.Find("doc-1")!.State));
        Assert.Equal(["doc-1"], store.Search(["BE:0120"], "number-doc-1").Select(r => r.Id));
        Assert.Empty(store.Search(["BE:0121"], "number-doc-1"));

        Assert.True(store.SetSuspended("doc-1", suspended: true));
        Assert.False(store.SetSuspended("doc-1", suspended: true));
        Assert.Equal(DocumentState.Suspended, store.Find("doc-1")!.State);
        Assert.Equal(["doc-1"], store.Listed(Be0120).Keys);
        Assert.True(store.SetSuspended("doc-1", suspended: false));
        Assert.Empty(store.Listed(Be0120));
        Assert.True(store.Documents.RecordRevocation("doc-1", 0));
        Assert.Equal(DocumentState.Revoked, store.Find("doc-1")!.State);
        Assert.Equal(scenario.Clock.GetUtcNow(), store.Listed(Be0120)["doc-1"]);

        store.Audit("operator", "BE:0120", "issue", "doc-1");
        store.Audit("operator", "BE:0120", "revoke", "doc-1");
        Assert.Equal(["issue", "revoke"], store.AuditTrail().Select(a => a.Action));
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void The_revocation_list_is_signed_from_what_is_listed_and_kept_for_every_host(string dialect)
    {
        using var store = Open(dialect, out var location);
        using var other = Open(location);
        Deliver(store, "doc-1");
        store.Documents.RecordRevocation("doc-1", 0);
        Assert.Null(other.RevocationList("BE-0120/documents"));

        var next = scenario.Clock.GetUtcNow().AddDays(7);
        var jwt = store.PublishRevocationList("BE-0120/documents", Be0120, listed => ("signed:" + string.Join(",", listed.Keys), next));
        Assert.Equal("signed:doc-1", jwt);
        Assert.Equal(("signed:doc-1", scenario.Clock.GetUtcNow(), next), other.RevocationList("BE-0120/documents")!.Value);
        other.PublishRevocationList("BE-0120/documents", Be0120, listed => ("again:" + listed.Count, next));
        Assert.Equal("again:1", store.RevocationList("BE-0120/documents")!.Value.Jwt);
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void Two_stores_claiming_one_job_s_items_at_once_get_each_item_once_and_one_finishes_the_job(string dialect)
    {
        const int Items = 200;
        using var first = Open(dialect, out var location);
        using var second = Open(location);
        first.CreateJob("job-1", ["BE:0120"], "operator", PublicBase, [.. Enumerable.Range(1, Items).Select(i => new BatchItem(i, $"doc-{i}", [1, 2, 3], "pending", null))]);

        var claimed = new ConcurrentBag<long>();
        var finished = 0;
        Parallel.For(0, 8, worker =>
        {
            var store = worker % 2 == 0 ? first : second;
            while (store.ClaimItem("job-1", TimeSpan.FromMinutes(5)) is { } item)
            {
                Assert.Equal([1, 2, 3], item.Request);
                claimed.Add(item.Line);
                store.CompleteItem("job-1", item.Line, issued: true, problems: null);
            }

            if (store.FinishJob("job-1"))
            {
                Interlocked.Increment(ref finished);
            }
        });

        Assert.Equal(Enumerable.Range(1, Items).Select(i => (long)i), claimed.Order());
        Assert.Equal(1, finished);
        var job = second.FindJob("job-1")!;
        Assert.NotNull(job.FinishedAt);
        Assert.All(job.Items, i => Assert.Equal(("issued", (byte[]?)null), (i.State, i.Request)));
        Assert.Empty(first.UnfinishedJobs());
    }

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public void An_item_a_stopped_host_held_is_taken_up_once_its_claim_lapses_and_the_job_stays_open_until_then(string dialect)
    {
        using var store = Open(dialect, out _);
        store.CreateJob("job-1", ["BE:0120"], "operator", PublicBase, [new BatchItem(1, "doc-1", [1], "pending", null), new BatchItem(2, "doc-2", [2], "pending", null), new BatchItem(3, null, null, "failed", "line 3: not JSON")]);
        Assert.Equal(1, store.ClaimItem("job-1", TimeSpan.FromMinutes(5))!.Line);

        // The host holding item 1 stops; another takes item 2 and cannot finish the job while item 1 is held.
        var second = store.ClaimItem("job-1", TimeSpan.FromMinutes(5))!;
        Assert.Equal(2, second.Line);
        store.CompleteItem("job-1", 2, issued: false, problems: "ehic.ci: required");
        Assert.Null(store.ClaimItem("job-1", TimeSpan.FromMinutes(5)));
        Assert.False(store.FinishJob("job-1"));
        Assert.Equal(["job-1"], store.UnfinishedJobs());

        scenario.Clock.Advance(TimeSpan.FromMinutes(6));
        var lapsed = store.ClaimItem("job-1", TimeSpan.FromMinutes(5))!;
        Assert.Equal((1L, "doc-1"), (lapsed.Line, lapsed.Id));
        store.CompleteItem("job-1", 1, issued: true, problems: null);
        Assert.True(store.FinishJob("job-1"));
        Assert.Equal(["issued", "failed", "failed"], store.FindJob("job-1")!.Items.Select(i => i.State));
        Assert.Equal("ehic.ci: required", store.FindJob("job-1")!.Items[1].Problems);
    }

    [Fact]
    public void A_file_of_the_first_schema_is_brought_up_to_date_with_its_documents_and_unfinished_job()
    {
        var path = Path.Combine(scenario.DataFolder, "issuer.db");
        using (var documents = Storage.Issuance.IssuedDocumentStore.Open(path, scenario.Clock))
        {
            documents.RecordDocument(Payload("doc-1"));
        }

        // The host's tables as the first release made them, with a delivered document and a job half done.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            var first = IssuerStateSchema.HostIssuing;
            SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, new SchemaComponent(first.Name, first.Title, [first.Migrations[0]], first.Tables), scenario.Clock.GetUtcNow());
            SqlCommands.Execute(connection, null, "INSERT INTO host_documents (jti, institution, kind, document_number, qr_text, issued_at) VALUES ('doc-1', 'BE:0120', 'prc', '0120', 'QR doc-1', '2026-06-01T00:00:00.0000000Z');");
            SqlCommands.Execute(connection, null, "INSERT INTO host_batch_jobs (id, institutions, actor, public_base, created_at) VALUES ('job-1', 'BE:0120', 'operator', 'https://issuer.example.org/', '2026-06-01T00:00:00.0000000Z');");
            SqlCommands.Execute(connection, null, "INSERT INTO host_batch_items (job_id, line, jti, request, state, problems) VALUES ('job-1', 1, 'doc-1', NULL, 'issued', NULL), ('job-1', 2, 'doc-2', x'7b7d', 'pending', NULL);");
        }

        using var store = IssuingStore.Open(DatabaseLocation.Parse(path), scenario.Clock);
        Assert.Equal("QR doc-1", store.Find("doc-1")!.QrText);
        Assert.Equal(["job-1"], store.UnfinishedJobs());
        var item = store.ClaimItem("job-1", TimeSpan.FromMinutes(5))!;
        Assert.Equal((2L, "doc-2"), (item.Line, item.Id));
        using var check = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        check.Open();
        Assert.Equal(2L, SqlCommands.Scalar(check, null, "SELECT MAX(version) FROM schema_versions WHERE component = 'host_issuing';"));
    }

    [SkippableFact]
    public void A_copy_into_PostgreSQL_carries_the_host_s_tables_and_the_host_goes_on_from_there()
    {
        var path = Path.Combine(scenario.DataFolder, "issuer.db");
        using (var file = IssuingStore.Open(DatabaseLocation.Parse(path), scenario.Clock))
        {
            Deliver(file, "doc-1");
            Deliver(file, "doc-2");
            file.SetSuspended("doc-2", suspended: true);
            file.Audit("operator", "BE:0120", "issue", "doc-1");
            file.Audit("operator", "BE:0120", "issue", "doc-2");
            file.CreateJob("job-1", ["BE:0120"], "operator", PublicBase, [new BatchItem(1, "doc-3", [1], "pending", null)]);
            file.PublishRevocationList("BE-0120/documents", Be0120, listed => ("signed:" + listed.Count, scenario.Clock.GetUtcNow().AddDays(7)));
        }

        SqliteConnection.ClearAllPools();
        var target = DatabaseLocation.Parse(postgres.NewSchema());
        var components = DatabaseCopy.ComponentsIn(path, IssuerStateSchema.Components);
        Assert.Equal(["issued_documents", "host_issuing"], components.Select(c => c.Name));
        var report = DatabaseCopy.Copy(path, target, components, replace: false, scenario.Clock.GetUtcNow());
        Assert.Equal((2L, 2L, 1L, 1L, 2L, 1L), (Rows("host_documents"), Rows("issued_documents"), Rows("host_suspensions"), Rows("host_batch_items"), Rows("host_audit"), Rows("host_revocation_lists")));

        using var shared = IssuingStore.Open(target, scenario.Clock);
        Assert.Equal(DocumentState.Suspended, shared.Find("doc-2")!.State);
        Assert.Equal("signed:1", shared.RevocationList("BE-0120/documents")!.Value.Jwt);
        var claimed = shared.ClaimItem("job-1", TimeSpan.FromMinutes(5))!;
        Assert.Equal((1L, "doc-3"), (claimed.Line, claimed.Id));

        // The audit trail goes on after the copied rows.
        shared.Audit("operator", "BE:0120", "revoke", "doc-1");
        Assert.Equal(["issue", "issue", "revoke"], shared.AuditTrail().Select(a => a.Action));

        long Rows(string table) => report.Tables.Single(t => t.Table == table).Rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        scenario.Dispose();
    }

    private QrTokenPayload Payload(string id)
    {
        sample ??= scenario.IssuePrc(new Uri("https://issuer.example.org/revocation/BE-0120/documents")).Payload;
        return new QrTokenPayload(sample.Document, id, sample.RevocationList);
    }

    private void Deliver(IssuingStore store, string id)
    {
        store.Documents.RecordDocument(Payload(id));
        Assert.True(store.RecordDelivered(id, Be0120, "prc", "number-" + id, "QR " + id));
    }

    private IssuingStore Open(string dialect, out string location)
    {
        location = dialect == "sqlite" ? Path.Combine(scenario.DataFolder, $"issuer-{Guid.NewGuid():N}.db") : postgres.NewSchema();
        return Open(location);
    }

    private IssuingStore Open(string location) => IssuingStore.Open(DatabaseLocation.Parse(location), scenario.Clock);
}
