using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Credentials.Model;
using Credentials.Host;
using Credentials.Trust;
using Credentials.Trust.Store;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// The resolver server as an operator runs it: a child process stopped by SIGTERM (a service manager) or SIGINT
/// (Ctrl-C), which finishes the requests in flight and exits 0; and start failures as one line, exit 2.
/// </summary>
public sealed class ServerLifetimeTests : IClassFixture<ServerLifetimeTests.LargeRegistry>, IDisposable
{
    private readonly LargeRegistry large;
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-lifetime-").FullName;
    private readonly HttpClient http = new();

    public ServerLifetimeTests(LargeRegistry large) => this.large = large;

    private string SmallDatabase
    {
        get
        {
            var path = Path.Combine(folder, "small.db");
            if (!File.Exists(path))
            {
                using var store = RegistryStore.Open(path);
                store.Import(ResolverListFormat.Read(File.ReadAllBytes(Repository.Samples("registry.json"))), "registry.json", DateTimeOffset.UtcNow);
            }

            return path;
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_stop_signal_stops_the_server_within_seconds_with_exit_0(string signal)
    {
        var (server, root) = await ServerProcess.StartAsync(SmallDatabase);
        using (server)
        {
            using (var response = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath.TrimStart('/') + "?kid=abc&countryCode=BE&officialID=0120")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            }

            var watch = Stopwatch.StartNew();
            CliProcess.Signal(server.Process, signal);
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(15)), $"still running {watch.Elapsed} after SIG{signal}: {server.Output}{server.Error}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed} to stop");
            Assert.Equal(0, server.Process.ExitCode);

            // The logs say where it listened and that it stopped; they never carry a request (its query or path).
            Assert.Contains("Listening on http://127.0.0.1:", server.Output, StringComparison.Ordinal);
            Assert.Contains("Stopped.", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("0120", server.Output + server.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("kid", server.Output + server.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, server.Error.Trim());
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_request_in_flight_when_the_signal_comes_is_answered_in_full(string signal)
    {
        var (server, root) = await ServerProcess.StartAsync(large.Database);
        using (server)
        {
            // A client that reads the large list slowly: the server is still writing it when the signal comes.
            using var response = await http.GetAsync(new Uri(root, ResolverApi.IssuersPath.TrimStart('/')), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var announced = response.Content.Headers.ContentLength!.Value;
            Assert.True(announced > 16L * 1024 * 1024, $"the list is only {announced} bytes: too small to be still in flight");
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            var received = await body.ReadAsync(buffer);
            CliProcess.Signal(server.Process, signal);
            var signalled = Stopwatch.StartNew();
            const double BytesPerSecond = 6 * 1024 * 1024; // the rest takes about 3 s: well inside the 10 s shutdown timeout
            for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            {
                received += read;
                var ahead = TimeSpan.FromSeconds(received / BytesPerSecond) - signalled.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(5))
                {
                    await Task.Delay(ahead);
                }
            }

            var readAfterSignal = signalled.Elapsed;
            Assert.Equal(announced, received);
            Assert.True(readAfterSignal > TimeSpan.FromSeconds(1), $"the rest took only {readAfterSignal}: the request was not in flight");
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(15)), $"still running after the request ended: {server.Output}{server.Error}");
            Assert.Equal(0, server.Process.ExitCode);
            Assert.Contains("Stopping: no new connections", server.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var result = CliProcess.Run(["registry", "serve", "--registry", SmallDatabase, "--urls", address], timeout: TimeSpan.FromSeconds(60));
        AssertOneLineRefusal(result, "--urls: ");
        Assert.Contains($"{address} is already in use by another program", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense", "is not an address to listen on")]
    [InlineData("ftp://127.0.0.1:8080", "is not an address to listen on")]
    [InlineData("https://127.0.0.1:0", "HTTPS needs a server certificate")]
    [InlineData(";", "give at least one address")]
    public void A_bad_address_is_one_line_and_exit_2(string urls, string expected)
    {
        var result = CliProcess.Run(["registry", "serve", "--registry", SmallDatabase, "--urls", urls], timeout: TimeSpan.FromSeconds(60));
        AssertOneLineRefusal(result, "--urls: ");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("folder", "is a folder")]
    [InlineData("not-a-snapshot", "is not a signed snapshot")]
    public void A_snapshot_that_cannot_be_served_is_refused_at_start(string kind, string expected)
    {
        var snapshot = Path.Combine(folder, "snapshot.jwt");
        if (kind == "folder")
        {
            Directory.CreateDirectory(snapshot);
        }
        else if (kind == "not-a-snapshot")
        {
            File.WriteAllText(snapshot, "<html>not a snapshot</html>");
        }

        var result = CliProcess.Run(["registry", "serve", "--registry", SmallDatabase, "--urls", "http://127.0.0.1:0", "--snapshot", snapshot], timeout: TimeSpan.FromSeconds(60));
        AssertOneLineRefusal(result, "--snapshot: ");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "there is no registry")]
    [InlineData("folder", "is a folder")]
    [InlineData("not-a-database", "is not a registry database")]
    public void A_registry_that_cannot_be_served_is_refused_at_start(string kind, string expected)
    {
        var database = Path.Combine(folder, "registry.db");
        if (kind == "folder")
        {
            Directory.CreateDirectory(database);
        }
        else if (kind == "not-a-database")
        {
            File.WriteAllText(database, new string('x', 4096));
        }

        var result = CliProcess.Run(["registry", "serve", "--registry", database, "--urls", "http://127.0.0.1:0"], timeout: TimeSpan.FromSeconds(60));
        AssertOneLineRefusal(result, "--registry: ");
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static void AssertOneLineRefusal(CliProcess.Result result, string prefix)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("credentials: " + prefix, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Out + result.Error, StringComparison.Ordinal); // no stack frame
        Assert.DoesNotContain("--->", result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Out + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", result.Out, StringComparison.Ordinal);
    }

    /// <summary>A registry whose full list is about 20 MB: 20,000 institutions sharing the sample certificate.</summary>
    public sealed class LargeRegistry : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("credentials-large-").FullName;

        public LargeRegistry()
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Repository.Samples("keys", "es256.cert.pem")));
            var trusted = new TrustedCertificate(X509CertificateLoader.LoadCertificate(certificate.RawData), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var period = new AccreditationPeriod(AccreditationPeriod.Ehic, new DateOnly(2020, 1, 1), null);
            var issuers = Enumerable.Range(100000, 20000)
                .Select(i => new RegistryIssuer(InstitutionId.Create(IssuingCountry.Parse("BE"), i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Institution {i}", [trusted], [period]))
                .ToList();
            Database = Path.Combine(folder, "large.db");
            using var store = RegistryStore.Open(Database);
            store.Import(issuers, "generated", DateTimeOffset.UtcNow);
        }

        public string Database { get; }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
