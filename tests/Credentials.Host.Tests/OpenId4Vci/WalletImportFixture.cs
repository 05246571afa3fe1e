using Credentials.Host.Tests.Support;
using Credentials.Issuance;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>One host with wallet import for a test class, the sample EHIC and ISI+ stored, and our wallet on it.</summary>
public sealed class WalletImportFixture : IAsyncLifetime
{
    public HostScenario Scenario { get; } = new();

    public WalletImportHost Host { get; private set; } = default!;

    public IssuedQrToken Ehic { get; private set; } = default!;

    public IssuedQrToken IsiPlus { get; private set; } = default!;

    public IssuedQrToken Prc { get; private set; } = default!;

    public HttpClient Operator { get; private set; } = default!;

    public HttpClient Http { get; } = new();

    public WalletClient Wallet => new(Http, Scenario.Clock);

    public async Task InitializeAsync()
    {
        Ehic = WalletImportHost.StoreEhic(Scenario);
        IsiPlus = WalletImportHost.StoreIsiPlus(Scenario);
        Prc = WalletImportHost.StorePrc(Scenario);
        Host = await WalletImportHost.StartAsync(Scenario);
        Operator = WalletImportHost.Operator(Scenario);
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Http.Dispose();
        await Host.DisposeAsync();
        Scenario.Dispose();
    }
}
