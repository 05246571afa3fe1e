using System.Net;
using System.Text;
using System.Text.Json;
using Credentials.Host.Issuing;
using Credentials.Host.Tests.Support;
using Credentials.Revocation;
using Credentials.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// The insurer API on a host that signs for BE:0120 and BE:0121, with real API keys: issue (201, the QR text and the
/// PDF, which the host's own verify API approves), the same request again (the same document, not signed again),
/// every rule as a problem with its field, revoke / suspend / reinstate on the host's signed revocation list, the
/// audit trail; and an operator of one institution can never issue, change or see a document of the other.
/// </summary>
public sealed class IssuingApiTests(IssuingHost host) : IClassFixture<IssuingHost>
{
    [Fact]
    public async Task An_issued_PRC_comes_back_with_its_QR_text_and_a_PDF_that_the_hosts_verify_API_approves()
    {
        using var client = host.Client(host.Operator0120);
        using var response = await client.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/documents/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("BE:0120", body.GetProperty("institution").GetString());
        Assert.Equal("valid", body.GetProperty("state").GetString());
        Assert.Equal($"/api/v1/documents/{id}/pdf", body.GetProperty("pdf").GetString());
        var qrText = body.GetProperty("qrText").GetString()!;

        // The document carries the host's own list as its rid, and verifies against the registry.
        var report = new QrTokenVerifier(host.Registry, host.Scenario.Clock).VerifyOffline(qrText);
        Assert.True(report.IsApproved);
        Assert.Equal(id, report.Payload!.TokenId);
        Assert.Equal(new Uri("http://localhost/revocation/BE-0120/documents"), report.Payload.RevocationList);

        using var pdf = await client.GetAsync(body.GetProperty("pdf").GetString());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var anonymous = host.Client(null);
        using var verified = await anonymous.PostAsync("/api/v1/verify", new ByteArrayContent(await pdf.Content.ReadAsByteArrayAsync()) { Headers = { ContentType = new("application/pdf") } });
        var export = await Json(verified);
        Assert.Equal("Approved", export.GetProperty("conclusion").GetString());
        Assert.Equal(qrText, export.GetProperty("qr").GetString());
    }

    [Fact]
    public async Task The_same_request_again_gives_the_same_document_and_another_request_under_its_jti_is_refused()
    {
        using var client = host.Client(host.Operator0120);
        var request = host.PrcRequest(IssuingHost.Be0120, "a1b2c3d4-0000-4000-8000-000000000001");
        using var first = await client.PostAsync("/api/v1/documents", IssuingHost.Json(request));
        using var again = await client.PostAsync("/api/v1/documents", IssuingHost.Json(request));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await Json(first)).GetProperty("qrText").GetString(), (await Json(again)).GetProperty("qrText").GetString());

        using var other = await client.PostAsync("/api/v1/documents", IssuingHost.Json(request.Replace("Dupont", "Dupond", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var problem = await Json(other);
        Assert.Equal("jti-taken", problem.GetProperty("code").GetString());
        Assert.Equal("This jti is taken", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_problem_of_a_request_is_listed_with_its_field_and_nothing_is_issued()
    {
        using var client = host.Client(host.Operator0120);
        var request = File.ReadAllText(Path.Combine(Repository.Root, "samples", "requests", "prc-invalid.json")).Replace("\"XX\"", "\"BE\"", StringComparison.Ordinal);
        using var response = await client.PostAsync("/api/v1/documents", IssuingHost.Json(request));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal("urn:credentials:problem:invalid-request", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2, problem.ToString());
        Assert.All(errors, e => Assert.StartsWith("/prc/", e.GetProperty("field").GetString(), StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "/prc/fn");
        Assert.Contains(errors, e => e.GetProperty("field").GetString() == "/prc/dob");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("detail").GetString())));
    }

    [Fact]
    public async Task Revoke_suspend_and_reinstate_change_the_hosts_signed_revocation_list_and_are_audited()
    {
        using var client = host.Client(host.Operator0120);
        const string Id = "a1b2c3d4-0000-4000-8000-000000000002";
        const string Kept = "a1b2c3d4-0000-4000-8000-000000000003";
        (await client.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120, Id)))).Dispose();
        (await client.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120, Kept)))).Dispose();

        Assert.Equal("suspended", await Change(client, Id, "suspend", HttpStatusCode.OK));
        Assert.True((await ServedList(client)).IsRevoked(Id));
        Assert.Equal("valid", await Change(client, Id, "reinstate", HttpStatusCode.OK));
        Assert.False((await ServedList(client)).IsRevoked(Id));
        Assert.Equal("revoked", await Change(client, Id, "revoke", HttpStatusCode.OK));
        Assert.Equal("revoked", await Change(client, Id, "revoke", HttpStatusCode.OK));
        Assert.Equal("state-conflict", await Change(client, Id, "reinstate", HttpStatusCode.Conflict));
        Assert.Equal("state-conflict", await Change(client, Kept, "reinstate", HttpStatusCode.Conflict));
        var list = await ServedList(client);
        Assert.True(list.IsRevoked(Id));
        Assert.False(list.IsRevoked(Kept));

        using var document = await client.GetAsync($"/api/v1/documents/{Id}");
        Assert.Equal("revoked", (await Json(document)).GetProperty("state").GetString());

        // Who, which institution, what, on which document: never a name or a number of the holder.
        var trail = host.Factory.App!.Services.GetRequiredService<IssuingStore>().AuditTrail().Where(a => a.Subject == Id).ToList();
        Assert.Equal(["issue", "suspend", "reinstate", "revoke"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal(("operator 0120", "BE:0120"), (a.Actor, a.Institution)));
        Assert.DoesNotContain(host.Factory.App!.Services.GetRequiredService<IssuingStore>().AuditTrail(), a => HostScenario.PersonalData.Any(p => (a.Actor + a.Subject + a.Action).Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Search_finds_a_document_by_its_number_only_within_the_callers_institutions()
    {
        using var client0120 = host.Client(host.Operator0120);
        using var client0121 = host.Client(host.Operator0121);
        const string Id = "a1b2c3d4-0000-4000-8000-000000000004";
        (await client0120.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120, Id)))).Dispose();
        using var found = await client0120.PostAsync("/api/v1/documents/search", IssuingHost.Json($"{{\"number\":\"{Id}\"}}"));
        Assert.Contains(Id, (await Json(found)).EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        using var byCard = await client0120.PostAsync("/api/v1/documents/search", IssuingHost.Json("{\"number\":\"01200000012345678901\"}"));
        Assert.NotEmpty((await Json(byCard)).EnumerateArray());
        using var hidden = await client0121.PostAsync("/api/v1/documents/search", IssuingHost.Json($"{{\"number\":\"{Id}\"}}"));
        Assert.Empty((await Json(hidden)).EnumerateArray());
    }

    [Fact]
    public async Task An_operator_of_one_institution_can_never_issue_change_or_see_the_documents_of_another()
    {
        using var owner = host.Client(host.Operator0120);
        using var other = host.Client(host.Operator0121);
        using var anonymous = host.Client(null);
        const string Id = "a1b2c3d4-0000-4000-8000-000000000005";
        (await owner.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120, Id)))).Dispose();

        using var issue = await other.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120)));
        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        Assert.Equal("institution-not-allowed", (await Json(issue)).GetProperty("code").GetString());
        foreach (var action in new[] { "revoke", "suspend", "reinstate" })
        {
            Assert.Equal("no-document", await Change(other, Id, action, HttpStatusCode.NotFound));
            using var unauthenticated = await anonymous.PostAsync($"/api/v1/documents/{Id}/{action}", null);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/documents/{Id}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/documents", IssuingHost.Json(host.PrcRequest(IssuingHost.Be0120)))).StatusCode);

        using var batch = await other.PostAsync("/api/v1/batches", new StringContent(host.PrcRequest(IssuingHost.Be0121) + "\n" + host.PrcRequest(IssuingHost.Be0120) + "\n", Encoding.UTF8, "application/jsonl"));
        Assert.Equal(HttpStatusCode.Forbidden, batch.StatusCode);
        Assert.Contains("line(s) 2 ", (await Json(batch)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/batches", new StringContent(host.PrcRequest(IssuingHost.Be0120), Encoding.UTF8, "application/jsonl"))).StatusCode);

        using var ownJob = await owner.PostAsync("/api/v1/batches", new StringContent(host.PrcRequest(IssuingHost.Be0120) + "\n", Encoding.UTF8, "application/jsonl"));
        Assert.Equal(HttpStatusCode.Accepted, ownJob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(ownJob.Headers.Location)).StatusCode);

        // The document is untouched.
        using var seen = await owner.GetAsync($"/api/v1/documents/{Id}");
        Assert.Equal("valid", (await Json(seen)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_batch_job_is_accepted_with_a_status_address_and_ends_with_every_document_downloadable()
    {
        using var client = host.Client(host.Operator0120);
        var file = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "samples", "requests", "batch.jsonl"));
        using var response = await client.PostAsync("/api/v1/batches", new StringContent(file, Encoding.UTF8, "application/jsonl"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = response.Headers.Location!;
        Assert.Equal(status.OriginalString, (await Json(response)).GetProperty("status").GetString());

        var job = await BatchJobsPolling.UntilFinishedAsync(client, status);
        var total = file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(total, job.GetProperty("total").GetInt32());
        Assert.Equal(total, job.GetProperty("issued").GetInt32() + job.GetProperty("failed").GetInt32());
        var issued = job.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("state").GetString() == "issued").ToList();
        Assert.NotEmpty(issued);
        foreach (var result in issued.Take(3))
        {
            using var document = await client.GetAsync(result.GetProperty("document").GetString());
            var qrText = (await Json(document)).GetProperty("qrText").GetString()!;
            Assert.True(new QrTokenVerifier(host.Registry, host.Scenario.Clock).VerifyOffline(qrText).IsApproved);
            using var pdf = await client.GetAsync(result.GetProperty("pdf").GetString());
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        }
    }

    private async Task<RevocationList> ServedList(HttpClient client)
    {
        var jws = await client.GetStringAsync("/revocation/BE-0120/documents");
        return RevocationListFormat.Verify(jws.Trim(), host.Registry, IssuingHost.Be0120);
    }

    /// <summary>The new state, or the problem's code.</summary>
    private static async Task<string> Change(HttpClient client, string id, string action, HttpStatusCode expected)
    {
        using var response = await client.PostAsync($"/api/v1/documents/{id}/{action}", null);
        Assert.Equal(expected, response.StatusCode);
        var body = await Json(response);
        return body.TryGetProperty("state", out var state) ? state.GetString()! : body.GetProperty("code").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
