using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Host.Issuing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// A batch job survives its host: stopped while the job runs, a new host on the same data folder picks the job up
/// and finishes it, and no document is signed twice (each delivered QR text stays the one first signed — ECDSA
/// signatures differ at every signing — and the audit trail holds one issue per document).
/// </summary>
public sealed class BatchRestartTests : IDisposable
{
    private const int Requests = 400;
    private readonly IssuingHost host = IssuingHost.With(new Dictionary<string, string?>());

    [Fact]
    public async Task A_host_restarted_mid_batch_finishes_the_job_without_signing_any_document_twice()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < Requests; i++)
        {
            var request = JsonNode.Parse(host.PrcRequest(IssuingHost.Be0120))!.AsObject();
            request["prc"]!["ci"] = $"0120{i:D16}";
            lines.Append(request.ToJsonString()).Append('\n');
        }

        Uri status;
        Dictionary<string, string> before;
        IssuingStore store;
        using (var client = host.Client(host.Operator0120))
        {
            store = host.Factory.App!.Services.GetRequiredService<IssuingStore>();
            using var response = await client.PostAsync("/api/v1/batches", new StringContent(lines.ToString(), Encoding.UTF8, "application/jsonl"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            status = response.Headers.Location!;

            // Watched in the store on this thread, not through the API nor with awaited delays: the status endpoint's
            // first answer (compiled on first use), or a continuation waiting for a pool thread while the worker holds
            // one, can take longer than the whole job, which then finishes before the host is stopped.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (store.FindJob(status.OriginalString.Split('/')[^1])!.Issued == 0 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(1);
            }
        }

        // The host stops while the job runs (its worker stops between two items).
        host.Restart();
        var stopped = store.FindJob(status.OriginalString.Split('/')[^1])!;
        Assert.Null(stopped.FinishedAt);
        Assert.InRange(stopped.Issued, 1, Requests - 1);
        before = stopped.Items.Where(i => i.State == "issued").ToDictionary(i => i.Id!, i => store.Find(i.Id!)!.QrText);
        Assert.All(stopped.Items.Where(i => i.State == "issued"), i => Assert.Null(i.Request));

        using (var client = host.Client(host.Operator0120))
        {
            var job = await BatchJobsPolling.UntilFinishedAsync(client, status, TimeSpan.FromMinutes(3));
            Assert.Equal(Requests, job.GetProperty("issued").GetInt32());
            Assert.Equal(0, job.GetProperty("failed").GetInt32());
        }

        var after = host.Factory.App!.Services.GetRequiredService<IssuingStore>();
        Assert.All(before, pair => Assert.Equal(pair.Value, after.Find(pair.Key)!.QrText));
        var issues = after.AuditTrail().Where(a => a.Action == "issue").GroupBy(a => a.Subject).ToList();
        Assert.Equal(Requests, issues.Count);
        Assert.All(issues, g => Assert.Single(g));
        Assert.All(after.FindJob(status.OriginalString.Split('/')[^1])!.Items, i => Assert.Null(i.Request));
    }

    public void Dispose() => host.Dispose();
}
