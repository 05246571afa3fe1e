using System.Net;
using System.Text.Json;
using Credentials.Host.Issuing;
using Credentials.Signing;
using Credentials.Storage.Issuance;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// One document, every channel: a wallet credential minted from a document the host issued (as the wallet offers
/// mint it, from the stored document) is suspended, reinstated and revoked with the document through the API, and
/// its status list is signed again at once.
/// </summary>
public sealed class WalletChannelTests : IDisposable
{
    private readonly IssuingHost host = new();

    [Fact]
    public async Task Suspending_reinstating_and_revoking_a_document_sets_the_status_bit_of_its_wallet_credential_and_republishes_the_list()
    {
        using var client = host.Client(host.Operator0120);
        using var issued = await client.PostAsync("/api/v1/documents", IssuingHost.Json(host.Scenario.Pki.SampleEhicRequestJson()));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var id = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var services = host.Factory.App!.Services;
        var store = services.GetRequiredService<IssuingStore>();
        var statusLists = services.GetRequiredService<IStatusListStore>();
        var signer = services.GetRequiredService<IInstitutionSigners>().Current(IssuingHost.Be0120)!;
        store.Documents.AddStatusConfiguration(new StatusListConfiguration("wallet", new StatusListIssuerOptions { BaseAddress = new Uri("http://localhost/status/") }));
        using var holder = InMemorySigner.CreateP256();
        using var holderKey = PublicJwk.FromKey(holder.PublicKey);
        var issuer = new WalletCredentialIssuer(signer, host.Scenario.Clock, new WalletIssuerOptions { Issuer = "http://localhost" });
        var credential = new DocumentChannels(store.Documents, statusLists, host.Scenario.Clock).Mint(id, issuer, holderKey, "wallet", TimeSpan.FromDays(30)).Credential!;

        byte Status() => statusLists.Find(IssuingHost.Be0120, credential.CredentialId)!.Status;
        bool Published() => statusLists.Lists().Single().PublishedVersion == statusLists.Lists().Single().Version;

        Assert.Equal(StatusTypes.Valid, Status());
        (await client.PostAsync($"/api/v1/documents/{id}/suspend", null)).Dispose();
        Assert.Equal(StatusTypes.Suspended, Status());
        Assert.True(Published());
        (await client.PostAsync($"/api/v1/documents/{id}/reinstate", null)).Dispose();
        Assert.Equal(StatusTypes.Valid, Status());
        Assert.True(Published());
        (await client.PostAsync($"/api/v1/documents/{id}/revoke", null)).Dispose();
        Assert.Equal(StatusTypes.Invalid, Status());
        Assert.True(Published());

        // The list is served at its uri, signed by the institution's key.
        using var served = await client.GetAsync(credential.Status!.List);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/statuslist+jwt", served.Content.Headers.ContentType!.MediaType);
    }

    public void Dispose() => host.Dispose();
}
