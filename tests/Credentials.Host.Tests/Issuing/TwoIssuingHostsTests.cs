using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Host.Issuing;
using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.Signing;
using Credentials.Storage.Issuance;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// Several hosts, one state: two issuing hosts with their own revocation folders on one PostgreSQL issuer database.
/// Each issues documents while revoking the other's, all at once, through the API: every document is recorded and
/// audited once, every revocation holds in every channel (the state, the revocation list, the wallet credentials'
/// status bits), and both hosts serve revocation lists and status lists that hold all of them and no other. A batch job
/// submitted on one host is worked by both, and each of its items is worked by one host only, once.
/// </summary>
public sealed class TwoIssuingHostsTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const int DocumentsPerHost = 16;
    private readonly string folders = Directory.CreateTempSubdirectory("credentials-two-hosts-").FullName;

    [SkippableFact]
    public async Task Two_hosts_issuing_and_revoking_each_other_s_documents_at_once_record_each_once_and_both_serve_every_revocation()
    {
        var database = postgres.NewSchema();
        using var host = IssuingHost.With(Settings(database, "first"));
        using var other = host.Another(Settings(database, "second"));
        HostFactory[] hosts = [host.Factory, other];
        var clients = hosts.Select(h => new Dictionary<InstitutionId, HttpClient>
        {
            [IssuingHost.Be0120] = IssuingHost.Client(h, host.Operator0120),
            [IssuingHost.Be0121] = IssuingHost.Client(h, host.Operator0121),
        }).ToArray();
        using var holder = InMemorySigner.CreateP256();
        using var holderKey = PublicJwk.FromKey(holder.PublicKey);
        var first = Services(host.Factory);
        first.GetRequiredService<IssuingStore>().Documents.AddStatusConfiguration(new StatusListConfiguration("wallet", new StatusListIssuerOptions { BaseAddress = new Uri("http://localhost/status/") }));

        // Round 1: both hosts issue at once, and each mints a wallet credential from every document it issued.
        var issued = await Task.WhenAll(Enumerable.Range(0, 2).Select(h => Task.WhenAll(Enumerable.Range(0, DocumentsPerHost).Select(i => IssueAsync(host, clients[h], i)))));
        var credentials = new List<(MintedCredential Credential, InstitutionId Institution)>();
        for (var h = 0; h < 2; h++)
        {
            foreach (var (id, institution) in issued[h])
            {
                credentials.Add((Mint(Services(hosts[h]), id, institution, holderKey), institution));
            }
        }

        // Round 2: each host revokes every document of the other while both issue more, all at once.
        var revoking = Enumerable.Range(0, 2).SelectMany(h => issued[1 - h].Select(d => RevokeAsync(clients[h][d.Institution], d.Id))).ToList();
        var issuing = Enumerable.Range(0, 2).Select(h => Task.WhenAll(Enumerable.Range(DocumentsPerHost, DocumentsPerHost).Select(i => IssueAsync(host, clients[h], i)))).ToList();
        await Task.WhenAll(revoking);
        var later = await Task.WhenAll(issuing);

        var revoked = issued.SelectMany(d => d).ToList();
        var valid = later.SelectMany(d => d).ToList();

        // Credentials of the documents still valid, each minted by the host that did not issue it: their bits stay valid.
        var kept = new List<(MintedCredential Credential, InstitutionId Institution)>();
        for (var h = 0; h < 2; h++)
        {
            foreach (var (id, institution) in later[h])
            {
                kept.Add((Mint(Services(hosts[1 - h]), id, institution, holderKey), institution));
            }
        }

        var all = revoked.Concat(valid).ToList();
        Assert.Equal(4 * DocumentsPerHost, all.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());

        // Recorded once, audited once, and seen alike by both hosts.
        var stores = hosts.Select(h => Services(h).GetRequiredService<IssuingStore>()).ToArray();
        Assert.All(all, d => Assert.Equal(stores[0].Find(d.Id), stores[1].Find(d.Id)));
        Assert.All(revoked, d => Assert.Equal(DocumentState.Revoked, stores[1].Find(d.Id)!.State));
        Assert.All(valid, d => Assert.Equal(DocumentState.Valid, stores[0].Find(d.Id)!.State));
        var trail = stores[0].AuditTrail();
        Assert.All(all, d => Assert.Single(trail, a => a.Action == "issue" && a.Subject == d.Id));
        Assert.All(revoked, d => Assert.Single(trail, a => a.Action == "revoke" && a.Subject == d.Id));
        Assert.All(revoked, d => Assert.NotNull(stores[0].Documents.FindDocument(d.Id)!.RevokedAt));

        // Every channel: each wallet credential's status bit, on the list both hosts serve.
        var statusLists = Services(host.Factory).GetRequiredService<IStatusListStore>();
        Assert.All(credentials, c => Assert.Equal(StatusTypes.Invalid, statusLists.Find(c.Institution, c.Credential.CredentialId)!.Status));
        Assert.All(kept, c => Assert.Equal(StatusTypes.Valid, statusLists.Find(c.Institution, c.Credential.CredentialId)!.Status));

        // Minting changes no bit, so the lists are published as the last revocation left them.
        Assert.All(statusLists.Lists(), l => Assert.Equal(l.Version, l.PublishedVersion));
        var signers = Services(host.Factory).GetRequiredService<IInstitutionSigners>();
        foreach (var (credential, institution, expected) in credentials.Select(c => (c.Credential, c.Institution, StatusTypes.Invalid)).Concat(kept.Select(c => (c.Credential, c.Institution, StatusTypes.Valid))))
        {
            // Either host may sign a list again at any time (the bytes then differ): what each serves says the same.
            var served = await Task.WhenAll(clients.Select(c => c[institution].GetStringAsync(credential.Status!.List.AbsolutePath)));
            using var key = signers.Current(institution)!.Certificate.GetECDsaPublicKey()!;
            Assert.All(served, token => Assert.Equal(expected, SignedStatusListToken.Parse(token).Verify(key).List.Get(credential.Status!.Index)));
        }

        // The revocation list of each institution, as each host serves it: every revoked document and no other.
        foreach (var institution in new[] { IssuingHost.Be0120, IssuingHost.Be0121 })
        {
            var path = "/revocation/" + RevocationPublisher.RelativePath(institution);
            var expected = revoked.Where(d => d.Institution == institution).Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(DocumentsPerHost, expected.Count);
            foreach (var served in await Task.WhenAll(clients.Select(c => c[institution].GetStringAsync(path))))
            {
                Assert.Equal(expected, RevocationListFormat.Verify(served.Trim(), host.Registry, institution).Revoked.Keys.Order(StringComparer.Ordinal));
            }
        }

        foreach (var client in clients.SelectMany(c => c.Values))
        {
            client.Dispose();
        }
    }

    [SkippableFact]
    public async Task A_batch_submitted_on_one_host_is_worked_by_both_and_each_item_once()
    {
        const int Requests = 300;
        var database = postgres.NewSchema();
        using var host = IssuingHost.With(Settings(database, "first"));
        using var other = host.Another(Settings(database, "second"));
        using var client = host.Client(host.Operator0120);
        using var otherClient = IssuingHost.Client(other, host.Operator0120);
        var lines = new StringBuilder();
        for (var i = 0; i < Requests; i++)
        {
            var request = JsonNode.Parse(host.PrcRequest(IssuingHost.Be0120))!.AsObject();
            request["prc"]!["ci"] = $"0120{i:D16}";
            lines.Append(request.ToJsonString()).Append('\n');
        }

        using var response = await client.PostAsync("/api/v1/batches", new StringContent(lines.ToString(), Encoding.UTF8, "application/jsonl"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The second host would find the job at its next poll; it is asked to look now, as if that poll came.
        var workers = new[] { host.Factory, other }.Select(h => Services(h).GetRequiredService<BatchWorker>()).ToArray();
        workers[1].Wake();
        var job = await BatchJobsPolling.UntilFinishedAsync(otherClient, response.Headers.Location!, TimeSpan.FromMinutes(3));
        Assert.Equal((Requests, 0), (job.GetProperty("issued").GetInt32(), job.GetProperty("failed").GetInt32()));

        // Each item claimed and worked by one host, once: together exactly one per item, and each host did some.
        Assert.Equal(Requests, workers.Sum(w => w.ItemsWorked));
        Assert.All(workers, w => Assert.True(w.ItemsWorked > 0, string.Join(" / ", workers.Select(x => x.ItemsWorked))));
        var store = Services(other).GetRequiredService<IssuingStore>();
        var issues = store.AuditTrail().Where(a => a.Action == "issue").GroupBy(a => a.Subject).ToList();
        Assert.Equal(Requests, issues.Count);
        Assert.All(issues, g => Assert.Single(g));
        var items = store.FindJob(response.Headers.Location!.OriginalString.Split('/')[^1])!.Items;
        Assert.All(items, i => Assert.Equal(("issued", (byte[]?)null), (i.State, i.Request)));
        Assert.All(items, i => Assert.NotNull(store.Find(i.Id!)));
    }

    public void Dispose() => Directory.Delete(folders, recursive: true);

    private static IServiceProvider Services(HostFactory factory)
    {
        // A client first: the factory builds and starts its host on the first one.
        factory.CreateClient().Dispose();
        return factory.App!.Services;
    }

    private static async Task<(string Id, InstitutionId Institution)> IssueAsync(IssuingHost host, Dictionary<InstitutionId, HttpClient> clients, int i)
    {
        var institution = i % 2 == 0 ? IssuingHost.Be0120 : IssuingHost.Be0121;
        using var response = await clients[institution].PostAsync("/api/v1/documents", IssuingHost.Json(EhicRequest(host, institution, i)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!, institution);
    }

    private static async Task RevokeAsync(HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/v1/documents/{id}/revoke", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An eEHIC (a document a wallet carries too) of <paramref name="institution"/>, card number by <paramref name="i"/>; the host gives its jti.</summary>
    private static string EhicRequest(IssuingHost host, InstitutionId institution, int i)
    {
        var request = JsonNode.Parse(host.Scenario.Pki.SampleEhicRequestJson())!.AsObject();
        request.Remove("jti");
        request["ehic"]!["ii"] = institution.LocalId;
        request["ehic"]!["ci"] = $"{institution.LocalId}{i:D16}";
        return request.ToJsonString();
    }

    private static MintedCredential Mint(IServiceProvider services, string id, InstitutionId institution, PublicJwk holderKey)
    {
        var store = services.GetRequiredService<IssuingStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var signer = services.GetRequiredService<IInstitutionSigners>().Current(institution)!;
        var issuer = new WalletCredentialIssuer(signer, clock, new WalletIssuerOptions { Issuer = "http://localhost" });
        var credential = new DocumentChannels(store.Documents, services.GetRequiredService<IStatusListStore>(), clock).Mint(id, issuer, holderKey, "wallet", TimeSpan.FromDays(30)).Credential;
        Assert.NotNull(credential);
        return store.Documents.FindCredential(credential.CredentialId)!;
    }

    private Dictionary<string, string?> Settings(string database, string name) => new()
    {
        ["Credentials:Issuing:Store"] = database,
        ["Credentials:Revocation:Folder"] = Path.Combine(folders, name),
        ["Credentials:RateLimits:Enabled"] = "false",
    };
}
