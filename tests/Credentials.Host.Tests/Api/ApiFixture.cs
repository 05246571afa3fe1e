using Credentials.Host.Tests.Support;
using Credentials.Issuance;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// One host for the API tests (WebApplicationFactory): the scenario's registry, uploads limited to 256 KiB, and the
/// institution's revocation list on a loopback server that a document's <c>rid</c> points to.
/// </summary>
public sealed class ApiFixture : IDisposable
{
    public const long UploadLimit = 256 * 1024;

    public ApiFixture()
    {
        Lists.Serve("BE-0120/prc", () => File.ReadAllBytes(Scenario.RevocationListFile));
        Scenario.PublishRevocationList("11111111-2222-4333-8444-555555555555");
        Factory = new HostFactory(Scenario.Settings(new Dictionary<string, string?>
        {
            ["Credentials:Limits:MaxUploadBytes"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Credentials:PublicBaseUrl"] = "http://localhost/",
        }));
        Client = Factory.CreateClient();
        Document = Scenario.IssuePrc(Lists.Url("BE-0120/prc"));
        DocumentPdf = Scenario.Pdf(Document);
    }

    public HostScenario Scenario { get; } = new();

    public LoopbackHttpServer Lists { get; } = new();

    public HostFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>The sample ePRC with a jti and a rid on the loopback list (not revoked).</summary>
    public IssuedQrToken Document { get; }

    public byte[] DocumentPdf { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Lists.Dispose();
        Scenario.Dispose();
    }
}
