using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Credentials.Issuance.Demo;
using Credentials.Storage.Accounts;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// With nothing configured, the host trusts and signs as the generated test issuer: it says so in its log, and what it
/// issues verifies on its own verify API; its key is never written to the data folder.
/// </summary>
public sealed class TestIssuerTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("credentials-host-test-issuer-").FullName;

    [Fact]
    public async Task The_test_issuer_signs_what_the_host_verifies_and_the_log_says_it_is_a_test_issuer()
    {
        var clock = Clock.At(HostScenario.Today);
        string secret;
        using (var keys = ApiKeyStore.Open(Path.Combine(dataFolder, "state.db"), clock))
        {
            secret = keys.Create("demo operator", [DemoScenario.Institution]).Secret;
        }

        using var factory = new HostFactory(new ServeSettings
        {
            DataFolder = dataFolder,
            Time = clock,
            Settings = new Dictionary<string, string?> { ["Credentials:PublicBaseUrl"] = "http://localhost/" },
            ConfigureBuilder = builder => LogCapture.AddTo(builder.Logging),
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var demo = DemoScenario.Create(HostScenario.Today);
        using var issued = await client.PostAsync("/api/v1/documents", IssuingHost.Json(demo.SampleRequestJson(tokenId: null)));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var qrText = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("qrText").GetString()!;

        using var verified = await client.PostAsync("/api/v1/verify", new StringContent(qrText, System.Text.Encoding.ASCII, "text/plain"));
        Assert.Equal("Approved", JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement.GetProperty("conclusion").GetString());
        Assert.Contains(LogCapture.Lines, line => line.Contains("Signing as the generated TEST issuer BE:0120", StringComparison.Ordinal));

        // Only the encrypted data-protection keys and databases are written: no private key in PEM or PKCS#12.
        Assert.DoesNotContain(Directory.EnumerateFiles(dataFolder, "*", SearchOption.AllDirectories), file => File.ReadAllText(file).Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A database still held by a host being disposed: left to the system's cleanup.
        }
    }
}
