using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Host.Accounts;
using Credentials.Host.Issuing;
using Credentials.Storage.Accounts;
using Credentials.Host.Tests.Support;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Storage.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// <c>credentials serve</c> on a real Kestrel at 127.0.0.1 with wallet import: the scenario's registry and clock,
/// its signer as the institution's, the sample EHIC and ISI+ issued (QR text and PDF, as the holder has them) and
/// stored in the issuer database the host mints from. Optionally several hosts on one wallet-import database.
/// </summary>
public sealed class WalletImportHost : IAsyncDisposable
{
    private WalletImportHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>Its address, without a trailing '/': the credential issuer identifier when no public base URL is set.</summary>
    public Uri Address { get; }

    public string Issuer => Address.AbsoluteUri.TrimEnd('/');

    /// <summary>Issues the sample EHIC and records it where the host's issuer database is; its QR as the PDF carries it.</summary>
    public static IssuedQrToken StoreEhic(HostScenario scenario) => Store(scenario, scenario.Pki.SampleEhicRequestJson());

    /// <summary>The sample ISI+ (a child's), stored likewise.</summary>
    public static IssuedQrToken StoreIsiPlus(HostScenario scenario) => Store(scenario, DemoScenario.SampleIsiPlusRequestJson());

    /// <summary>The sample ePRC: a document no wallet carries.</summary>
    public static IssuedQrToken StorePrc(HostScenario scenario)
    {
        var issued = scenario.IssuePrc(new Uri("https://revocation.example.org/BE-0120/prc"));
        using var documents = IssuedDocumentStore.Open(Path.Combine(scenario.DataFolder, "issuer.db"), scenario.Clock);
        documents.RecordDocument(issued.Payload);
        return issued;
    }

    public static async Task<WalletImportHost> StartAsync(HostScenario scenario, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var serve = scenario.Settings(settings, ["http://127.0.0.1:0"]);
        var app = await CredentialsHost.BuildAsync(serve with
        {
            ConfigureBuilder = builder =>
            {
                serve.ConfigureBuilder?.Invoke(builder);
                builder.Services.AddSingleton<IInstitutionSigners>(new TestInstitutionSigners(DemoScenario.Institution, scenario.Pki.Signer));
            },
        });
        await ServerHost.StartAsync(app);
        return new WalletImportHost(app, new Uri(app.Urls.First().TrimEnd('/')));
    }

    /// <summary>An API key of the insurer's operator for <paramref name="institutions"/>, in the host's account store.</summary>
    public static string ApiKey(HostScenario scenario, string institutions = "BE:0120")
    {
        using var keys = ApiKeyStore.Open(Path.Combine(scenario.DataFolder, AccountOptions.DefaultStoreFile), scenario.Clock);
        return keys.Create("wallet import tests", [.. institutions.Split(',').Select(Model.InstitutionId.Parse)]).Secret;
    }

    /// <summary>An HTTP client of the insurer's operator for <paramref name="institutions"/>, signed in with an API key.</summary>
    public static HttpClient Operator(HostScenario scenario, string institutions = "BE:0120")
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, ApiKey(scenario, institutions));
        return client;
    }

    /// <summary><c>POST /api/v1/offers</c> as an operator; the response body.</summary>
    public async Task<JsonObject> CreateOfferAsync(HttpClient operatorClient, string documentId, bool txCode = false)
    {
        using var response = await operatorClient.PostAsJsonAsync(new Uri(Address, "/api/v1/offers"), new { document = documentId, tx_code = txCode });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static IssuedQrToken Store(HostScenario scenario, string requestJson)
    {
        var result = new QrTokenIssuer(scenario.Pki.Signer, scenario.Clock).Issue(Encoding.UTF8.GetBytes(requestJson));
        var issued = result.Document ?? throw new InvalidOperationException("the sample request was refused: " + string.Join("; ", result.Errors));
        using var documents = IssuedDocumentStore.Open(Path.Combine(scenario.DataFolder, "issuer.db"), scenario.Clock);
        documents.RecordDocument(issued.Payload);
        return issued;
    }
}
