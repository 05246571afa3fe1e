using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Credentials.Host;
using Credentials.Host.Accounts;
using Credentials.Storage.Accounts;
using Credentials.Host.Issuing;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.LoadClient;
using Credentials.Signing;
using Credentials.Storage.Issuance;
using Credentials.Trust.Store;
using Credentials.Wallet.Jose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project tests/Credentials.LoadClient -- [--credentials N | --seconds S] [--concurrency C] [--warmup W] [--postgres CONNECTION]
// With --seconds the timed part runs for S seconds, whatever the count; the working set is read at minute 1 and
// minute 5 of the timed part when it lasts that long.
var count = Option("--credentials", 3000);
var seconds = Option("--seconds", 0);
var concurrency = Option("--concurrency", 8);
var warmup = Option("--warmup", 10000);
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
if (count is < 1 or > 1_000_000 || seconds is < 0 or > 86_400 || concurrency is < 1 or > 256 || warmup is < 0 or > 1_000_000)
{
    Console.Error.WriteLine("--credentials is 1 to 1000000, --seconds 0 to 86400, --concurrency 1 to 256, --warmup 0 to 1000000.");
    return 2;
}

var folder = Directory.CreateTempSubdirectory("credentials-load-").FullName;
try
{
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    using var pki = DemoScenario.Create(today.AddMonths(-1));
    using (var registry = RegistryStore.Open(Path.Combine(folder, "registry.db")))
    {
        registry.Import([pki.Issuer], "load", DateTimeOffset.UtcNow);
    }

    // One stored EHIC per worker: a worker's offers replace only its own document's.
    var documents = new List<string>();
    var issuerStore = postgres ?? Path.Combine(folder, "issuer.db");
    using (var store = IssuedDocumentStore.Open(issuerStore, TimeProvider.System))
    {
        for (var i = 0; i < concurrency; i++)
        {
            var request = JsonNode.Parse(pki.SampleEhicRequestJson())!.AsObject();
            request["jti"] = Guid.NewGuid().ToString();
            var issued = new QrTokenIssuer(pki.Signer, TimeProvider.System).Issue(Encoding.UTF8.GetBytes(request.ToJsonString())).Document!;
            store.RecordDocument(issued.Payload);
            documents.Add(issued.Payload.TokenId!);
        }
    }

    var settings = new Dictionary<string, string?>
    {
        ["Credentials:RateLimits:Enabled"] = "false",
        // On PostgreSQL every state is there, as with several hosts: the documents, the offers, and the key ring that
        // protects the token keys (so a second run on the same database reads the first one's keys).
        ["Credentials:Issuing:Store"] = issuerStore,
        ["Credentials:WalletImport:Store"] = postgres,
        ["Credentials:Accounts:Store"] = postgres,
        // A throwaway database for one measurement: its token keys need no key-encryption certificate.
        ["Credentials:DataProtection:AllowUnencrypted"] = "true",
        ["Credentials:WalletImport:OfferLifetime"] = "00:10:00",
    };
    var app = await CredentialsHost.BuildAsync(new ServeSettings
    {
        DataFolder = folder,
        Urls = ["http://127.0.0.1:0"],
        Settings = settings,
        ConfigureBuilder = builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<IInstitutionSigners>(new LoadSigners(DemoScenario.Institution, pki.Signer));
        },
    });
    await ServerHost.StartAsync(app);
    var issuer = app.Urls.First().TrimEnd('/');
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    // Only the offer is the insurer's call: the wallet's token, nonce and credential requests carry no API key.
    string apiKey;
    using (var keys = ApiKeyStore.Open(postgres ?? Path.Combine(folder, AccountOptions.DefaultStoreFile), TimeProvider.System))
    {
        apiKey = keys.Create("load client", [DemoScenario.Institution]).Secret;
    }

    // Warm-up, not counted: W flows, C at a time, so the runtime has compiled the hot paths at their final tier (a
    // host that has served a few thousand requests), not the first, unoptimised code of a process just started.
    var warmed = -1;
    await Task.WhenAll(documents.Select(async document =>
    {
        while (Interlocked.Increment(ref warmed) < Math.Max(warmup, concurrency))
        {
            await FlowAsync(http, issuer, apiKey, document);
        }
    }));
    Steps.Clear();

    var latencyLists = documents.Select(_ => new List<double>()).ToArray();
    var next = -1;
    var failures = 0;
    // The CPU both sides spend per credential: unlike the rate, it hardly moves when other work shares the cores.
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var duration = TimeSpan.FromSeconds(seconds);
    using var stopSampling = new CancellationTokenSource();
    var workingSets = SampleWorkingSetAsync([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)], stopSampling.Token);
    await Task.WhenAll(documents.Select(async (document, worker) =>
    {
        while (seconds > 0 ? clock.Elapsed < duration : Interlocked.Increment(ref next) < count)
        {
            var started = Stopwatch.GetTimestamp();
            if (!await FlowAsync(http, issuer, apiKey, document))
            {
                Interlocked.Increment(ref failures);
            }

            latencyLists[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
    clock.Stop();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    await stopSampling.CancelAsync();
    var sampled = await workingSets;
    await app.StopAsync();
    await app.DisposeAsync();

    var latencies = latencyLists.SelectMany(l => l).ToArray();
    count = latencies.Length;
    Array.Sort(latencies);
    Steps.Print();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {(postgres is null ? "SQLite (WAL)" : "PostgreSQL")}, {count} credentials, concurrency {concurrency}, {failures} failed"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count / clock.Elapsed.TotalSeconds:F0} credentials/s; flow latency (offer, token, nonce, credential) p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {latencies[^1]:F1} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU (client and host in this process) {cpu.TotalMilliseconds / count:F2} ms per credential, {cpu.TotalSeconds / clock.Elapsed.TotalSeconds:F2} cores busy on average"));
    foreach (var (at, bytes) in sampled)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"working set (client and host) at minute {at.TotalMinutes:F0}: {bytes / 1048576.0:F1} MB"));
    }

    if (sampled.Count == 2)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"working set minute 5 against minute 1: {100.0 * (sampled[1].Bytes - sampled[0].Bytes) / sampled[0].Bytes:+0.0;-0.0}%"));
    }
    return failures == 0 ? 0 : 1;

    double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
}
finally
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
        // A pooled SQLite connection may hold a file a moment longer: the temporary folder is left to the system.
    }
}

// The process's working set at each of the given times into the timed part, until the run ends.
static async Task<List<(TimeSpan At, long Bytes)>> SampleWorkingSetAsync(TimeSpan[] times, CancellationToken stop)
{
    var samples = new List<(TimeSpan, long)>();
    var clock = Stopwatch.StartNew();
    try
    {
        foreach (var at in times)
        {
            var wait = at - clock.Elapsed;
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stop);
            using var self = Process.GetCurrentProcess();
            samples.Add((at, self.WorkingSet64));
        }
    }
    catch (OperationCanceledException)
    {
        // The run ended first: the times it did not reach have no sample.
    }

    return samples;
}

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;

// One credential: offer (API), token (pre-authorized code), nonce, credential with a fresh proof by a fresh key.
static async Task<bool> FlowAsync(HttpClient http, string issuer, string apiKey, string document)
{
    var step = Stopwatch.GetTimestamp();
    using var offerRequest = new HttpRequestMessage(HttpMethod.Post, issuer + "/api/v1/offers") { Content = JsonContent.Create(new { document }) };
    offerRequest.Headers.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
    using var created = await http.SendAsync(offerRequest);
    if (!created.IsSuccessStatusCode)
    {
        return false;
    }

    Steps.Record("offer", ref step);
    var offerUri = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["offer_uri_by_value"]!;
    var offer = JsonNode.Parse(HttpUtility.ParseQueryString(offerUri[offerUri.IndexOf('?', StringComparison.Ordinal)..])["credential_offer"]!)!;
    var code = (string)offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["pre-authorized_code"]!;
    using var token = await http.PostAsync(issuer + "/token", new FormUrlEncodedContent([new("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code"), new("pre-authorized_code", code)]));
    if (!token.IsSuccessStatusCode)
    {
        return false;
    }

    Steps.Record("token", ref step);
    var accessToken = (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!;
    using var nonceResponse = await http.PostAsync(issuer + "/nonce", null);
    Steps.Record("nonce", ref step);
    var nonce = (string)JsonNode.Parse(await nonceResponse.Content.ReadAsStringAsync())!["c_nonce"]!;
    using var holder = InMemorySigner.CreateP256();
    var proof = JwsSigning.SignCompact(
        holder,
        new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["jwk"] = PublicJwk.ToJson(holder.PublicKey) },
        Encoding.UTF8.GetBytes(new JsonObject { ["aud"] = issuer, ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["nonce"] = nonce }.ToJsonString()));
    using var request = new HttpRequestMessage(HttpMethod.Post, issuer + "/credential")
    {
        Content = new StringContent(new JsonObject { ["credential_configuration_id"] = (string)offer["credential_configuration_ids"]![0]!, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) } }.ToJsonString(), Encoding.UTF8, "application/json"),
    };
    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);

    // The wallet's own work (a P-256 key and the proof it signs), on the same cores as the host: timed apart.
    Steps.Record("proof", ref step);
    using var credential = await http.SendAsync(request);
    Steps.Record("credential", ref step);
    return credential.IsSuccessStatusCode;
}
