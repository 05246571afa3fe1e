using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Host.Tests.Support;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Storage.Accounts;
using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// A host that issues for two institutions, BE:0120 and BE:0121, each with its key file and certificate (the registry
/// database knows both certificates, accredited for EHIC since 2020), and real API keys in its state database: one
/// operator per institution. The public base URL is the test server's, so the <c>rid</c> of what it issues is its own list.
/// </summary>
public sealed class IssuingHost : IDisposable
{
    public static readonly InstitutionId Be0120 = DemoScenario.Institution;
    public static readonly InstitutionId Be0121 = InstitutionId.Parse("BE:0121");

    private readonly SigningKeyFiles keys = new();

    public IssuingHost()
        : this(null)
    {
    }

    private IssuingHost(IReadOnlyDictionary<string, string?>? extra)
    {
        var validFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (key0120, certificate0120, issued0120) = keys.Write("be-0120", validFrom, validFrom.AddYears(3));
        var (key0121, certificate0121, issued0121) = keys.Write("be-0121", validFrom, validFrom.AddYears(3));
        var accreditation = new AccreditationPeriod(AccreditationPeriod.Ehic, new DateOnly(2020, 1, 1), null);
        Registry = new TrustRegistry(
        [
            new RegistryIssuer(Be0120, DemoScenario.InstitutionName, [new TrustedCertificate(issued0120)], [accreditation]),
            new RegistryIssuer(Be0121, "MC", [new TrustedCertificate(issued0121)], [accreditation]),
        ]);
        using (var store = RegistryStore.Open(Path.Combine(Scenario.DataFolder, "registry.db")))
        {
            store.Import([.. Registry.Issuers], "tests", Scenario.Clock.GetUtcNow());
        }

        using (var apiKeys = ApiKeyStore.Open(Path.Combine(Scenario.DataFolder, "state.db"), Scenario.Clock))
        {
            Operator0120 = apiKeys.Create("operator 0120", [Be0120]).Secret;
            Operator0121 = apiKeys.Create("operator 0121", [Be0121]).Secret;
        }

        var settings = new Dictionary<string, string?>
        {
            ["Credentials:PublicBaseUrl"] = "http://localhost/",
            ["Credentials:Signing:Institutions:0:Institution"] = Be0120.ToString(),
            ["Credentials:Signing:Institutions:0:Keys:0:Key"] = key0120,
            ["Credentials:Signing:Institutions:0:Keys:0:Certificate"] = certificate0120,
            ["Credentials:Signing:Institutions:0:Keys:0:Password"] = SigningKeyFiles.Password,
            ["Credentials:Signing:Institutions:1:Institution"] = Be0121.ToString(),
            ["Credentials:Signing:Institutions:1:Keys:0:Key"] = key0121,
            ["Credentials:Signing:Institutions:1:Keys:0:Certificate"] = certificate0121,
            ["Credentials:Signing:Institutions:1:Keys:0:Password"] = SigningKeyFiles.Password,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        Settings = settings;
        Factory = new HostFactory(Scenario.Settings(settings));
    }

    /// <summary>A host with settings of its own beside these.</summary>
    public static IssuingHost With(IReadOnlyDictionary<string, string?> extra) => new(extra);

    public HostScenario Scenario { get; } = new();

    public TrustRegistry Registry { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public HostFactory Factory { get; private set; }

    public string Operator0120 { get; }

    public string Operator0121 { get; }

    /// <summary>A client signed in with <paramref name="apiKey"/> (none: anonymous).</summary>
    public HttpClient Client(string? apiKey) => Client(Factory, apiKey);

    /// <summary>A client of <paramref name="factory"/> signed in with <paramref name="apiKey"/> (none: anonymous).</summary>
    public static HttpClient Client(HostFactory factory, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>
    /// Another host with this one's keys, registry, API keys and data folder, and <paramref name="extra"/> settings
    /// over this one's (e.g. its own revocation folder): a second instance behind the same load balancer. The caller disposes it.
    /// </summary>
    public HostFactory Another(IReadOnlyDictionary<string, string?> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var settings = new Dictionary<string, string?>(Settings);
        foreach (var (name, value) in extra)
        {
            settings[name] = value;
        }

        return new HostFactory(Scenario.Settings(settings));
    }

    /// <summary>Stops the host and starts a new one on the same data folder and settings (a restart).</summary>
    public void Restart()
    {
        Factory.Dispose();
        Factory = new HostFactory(Scenario.Settings(Settings));
    }

    /// <summary>The sample ePRC request of <paramref name="institution"/>, with <paramref name="jti"/> (none: the host gives one).</summary>
    public string PrcRequest(InstitutionId institution, string? jti = null)
    {
        var request = JsonNode.Parse(Scenario.Pki.SampleRequestJson(tokenId: null))!.AsObject();
        request["prc"]!["ii"] = institution.LocalId;
        if (jti is not null)
        {
            request["jti"] = jti;
        }

        return request.ToJsonString();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public void Dispose()
    {
        Factory.Dispose();
        Scenario.Dispose();
        keys.Dispose();
    }
}
