using System.Net;
using System.Net.Http.Headers;
using Credentials.Host;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;
using Credentials.WireFormat;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Trust;

/// <summary>The resolver API on a real Kestrel server on 127.0.0.1.</summary>
public sealed class ResolverApiTests : IAsyncLifetime, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-serve-").FullName;
    private readonly HttpClient http = new();
    private WebApplication app = null!;
    private Uri root = null!;

    private string Database => Path.Combine(folder, "registry.db");

    private string SnapshotFile => Path.Combine(folder, "snapshot.jwt");

    public async Task InitializeAsync()
    {
        using (var store = RegistryStore.Open(Database))
        {
            store.Import(ResolverListFormat.Read(File.OpenRead(Repository.Samples("registry.json"))), "registry.json", DateTimeOffset.UtcNow);
        }

        File.WriteAllText(SnapshotFile, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
        app = ResolverApi.Build(Database, SnapshotFile, ["http://127.0.0.1:0"], changeCheckInterval: TimeSpan.Zero);
        await ServerHost.StartAsync(app);
        root = new Uri(app.Urls.First());
    }

    [Fact]
    public async Task The_full_list_is_served_in_the_resolver_shape_with_an_ETag_and_304()
    {
        using var response = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issuers = ResolverListFormat.Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal(3, issuers.Count);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(root, ResolverApi.IssuersPath));
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_query_by_kid_country_and_official_id_answers_one_issuer_with_one_certificate()
    {
        var thumbprint = EessiKeyId.ComputeThumbprint(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Repository.Samples("keys", "es256.cert.pem"))));
        var found = ResolverListFormat.Read(await http.GetStreamAsync(new Uri(root, $"{ResolverApi.IssuersPath}?kid={Uri.EscapeDataString(EessiKeyId.Prefix + thumbprint)}&countryCode=BE&officialID=0306")));
        var issuer = Assert.Single(found);
        Assert.Equal(("BE:0306", thumbprint), (issuer.Id.ToString(), Assert.Single(issuer.Certificates).Thumbprint));

        var none = ResolverListFormat.Read(await http.GetStreamAsync(new Uri(root, $"{ResolverApi.IssuersPath}?kid={thumbprint}&countryCode=BE&officialID=0999")));
        Assert.Empty(none);

        using var bad = await http.GetAsync(new Uri(root, $"{ResolverApi.IssuersPath}?kid=nonsense&countryCode=BE&officialID=0120"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_snapshot_is_served_byte_for_byte_with_an_ETag()
    {
        using var response = await http.GetAsync(new Uri(root, ResolverApi.SnapshotPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllBytes(SnapshotFile), await response.Content.ReadAsByteArrayAsync());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(root, ResolverApi.SnapshotPath));
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Another_registry_syncs_from_our_server_as_from_the_EC_resolver()
    {
        using var mirror = RegistryStore.Open(Path.Combine(folder, "mirror.db"));
        var sync = new RegistrySync(mirror, TimeProvider.System);
        var first = await sync.SyncAsync(new EcResolverSource(http, root));
        Assert.Equal(SyncOutcome.Updated, first.Outcome);
        Assert.Equal(3, mirror.Status().Issuers);
        Assert.Equal(SyncOutcome.NotModified, (await sync.SyncAsync(new EcResolverSource(http, root))).Outcome);
    }

    [Fact]
    public async Task An_import_is_served_without_restarting()
    {
        using (var store = RegistryStore.Open(Database))
        {
            var fewer = ResolverListFormat.Read(File.OpenRead(Repository.Samples("registry.json"))).Take(2).ToList();
            store.Import(fewer, "fewer", DateTimeOffset.UtcNow.AddSeconds(5));
        }

        var issuers = ResolverListFormat.Read(await http.GetStreamAsync(new Uri(root, ResolverApi.IssuersPath)));
        Assert.Equal(3, issuers.Count); // withdrawn, not deleted: the third issuer stays, without current links
        var dropped = issuers.Single(i => i.Id.LocalId == "0500");
        Assert.True(dropped.Certificates.Single().ValidUntil <= DateTimeOffset.UtcNow.AddSeconds(10), $"validUntil {dropped.Certificates.Single().ValidUntil:O}");
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    public void Dispose() => http.Dispose();
}
