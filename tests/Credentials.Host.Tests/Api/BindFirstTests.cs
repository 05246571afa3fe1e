using System.Net;
using System.Net.Sockets;
using Credentials.Database;
using Credentials.Host.Tests.Support;
using Credentials.Storage.Offers;
using Microsoft.Data.Sqlite;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// A host whose port is taken does no background work before it fails: the background services (list renewal, batch
/// jobs, the offer sweep, the registry sync) start only once it listens. Shown with the offer sweep, which at start
/// deletes expired offers: on a taken port the expired offer stays, on a free one it goes.
/// </summary>
public sealed class BindFirstTests
{
    [Fact]
    public async Task On_a_port_in_use_the_start_fails_before_any_background_work_and_on_a_free_port_the_work_runs()
    {
        using var scenario = new HostScenario();
        var offers = Path.Combine(scenario.DataFolder, "wallet-offers.db");
        using (var store = OfferStore.Open(DatabaseLocation.Parse(offers), scenario.Clock))
        {
            var now = scenario.Clock.GetUtcNow();
            store.Create(new NewOffer("offer", "reference", "code", null, "document", "BE:0120", "ehic_dc+sd-jwt", now.AddMinutes(1)), now.AddMinutes(-10));
        }

        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var app = await CredentialsHost.BuildAsync(scenario.Settings(urls: [$"http://127.0.0.1:{port}"]));
        await using (app)
        {
            var refused = await Assert.ThrowsAsync<ServerStartException>(() => ServerHost.StartAsync(app));
            Assert.Contains("already in use", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, Offers(offers));

        await using var listening = await KestrelHost.StartAsync(scenario);
        for (var i = 0; i < 100 && Offers(offers) > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, Offers(offers));
    }

    private static long Offers(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM wallet_offers;";
        return (long)command.ExecuteScalar()!;
    }
}
