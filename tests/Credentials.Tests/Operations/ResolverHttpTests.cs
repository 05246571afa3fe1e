using System.Net;
using System.Security.Cryptography;
using Credentials.Host;
using Credentials.Trust;
using Credentials.Trust.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>The resolver API over HTTP on a real Kestrel server on 127.0.0.1: HEAD, query errors, and reloads under load.</summary>
public sealed class ResolverHttpTests : IAsyncLifetime, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-resolver-").FullName;
    private readonly HttpClient http = new();
    private WebApplication app = null!;
    private Uri root = null!;

    private string Database => Path.Combine(folder, "registry.db");

    private string SnapshotFile => Path.Combine(folder, "snapshot.jwt");

    private static IReadOnlyList<RegistryIssuer> Sample() => ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json")));

    public async Task InitializeAsync()
    {
        using (var store = RegistryStore.Open(Database))
        {
            store.Import(Sample(), "registry.json", DateTimeOffset.UtcNow);
        }

        File.WriteAllText(SnapshotFile, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
        app = ResolverApi.Build(Database, SnapshotFile, ["http://127.0.0.1:0"], changeCheckInterval: TimeSpan.FromMilliseconds(200));
        await ServerHost.StartAsync(app);
        root = new Uri(app.Urls.First());
    }

    [Theory]
    [InlineData(ResolverApi.IssuersPath)]
    [InlineData(ResolverApi.SnapshotPath)]
    public async Task HEAD_answers_as_GET_without_the_body(string path)
    {
        using var get = await http.GetAsync(new Uri(root, path));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(root, path)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (get.StatusCode, head.StatusCode));
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("kid=a&kid=b&countryCode=BE&officialID=0120", "the query parameter 'kid' is given 2 times")]
    [InlineData("kid=a&countryCode=BE&countryCode=FR&officialID=0120", "the query parameter 'countryCode' is given 2 times")]
    [InlineData("kid=a&country=BE&officialID=0120", "unknown query parameter 'country'")]
    [InlineData("kid=a&countryCode=BE", "all of kid, countryCode and officialID")]
    public async Task A_bad_query_is_400_naming_the_parameter(string query, string expected)
    {
        using var response = await http.GetAsync(new Uri(root, $"{ResolverApi.IssuersPath}?{query}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_is_one_whole_version_of_the_registry_while_imports_change_it()
    {
        // Two versions alternate in the database while 8 clients read: each answer's ETag must be that of its own body.
        var full = Sample();
        var fewer = full.Take(2).ToList();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            using var store = RegistryStore.Open(Database);
            var at = DateTimeOffset.UtcNow;
            for (var i = 0; !stop.IsCancellationRequested && i < 40; i++)
            {
                at = at.AddMinutes(1);
                store.Import(i % 2 == 0 ? fewer : full, "alternating", at);
                Thread.Sleep(25);
            }
        });

        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                using var response = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath));
                var body = await response.Content.ReadAsByteArrayAsync();
                var etag = response.Headers.ETag!.Tag;
                Assert.Equal("\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"", etag);
                ResolverListFormat.Read(body); // whole, and readable
                seen.TryAdd(etag, 0);
            }
        })).ToArray();

        await writer;
        await Task.WhenAll(readers);
        Assert.True(seen.Count >= 2, $"the readers saw {seen.Count} version(s): the server never reloaded");
    }

    [Fact]
    public async Task A_change_is_served_within_the_check_interval_and_a_sync_that_changed_nothing_serves_the_same_list()
    {
        var before = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath));
        var etag = before.Headers.ETag!.Tag;

        // A sync that finds nothing new writes a sync event, not a revision: the list served is the same.
        using (var store = RegistryStore.Open(Database))
        {
            store.RecordNotModified("http://resolver.example/api/v1/issuers", null, null, DateTimeOffset.UtcNow);
        }

        await Task.Delay(400);
        Assert.Equal(etag, (await http.GetAsync(new Uri(root, ResolverApi.IssuersPath))).Headers.ETag!.Tag);

        using (var store = RegistryStore.Open(Database))
        {
            store.Import(Sample().Take(2).ToList(), "fewer", DateTimeOffset.UtcNow.AddMinutes(1));
        }

        await Task.Delay(400);
        using var after = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath));
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var dropped = ResolverListFormat.Read(await after.Content.ReadAsByteArrayAsync()).Single(i => i.Id.LocalId == "0500");
        Assert.True(dropped.Certificates.Single().ValidUntil <= DateTimeOffset.UtcNow.AddMinutes(2));
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
