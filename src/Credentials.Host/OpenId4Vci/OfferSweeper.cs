using Credentials.Storage.Issuance;
using Credentials.Storage.Offers;
using Microsoft.Extensions.Hosting;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Deletes expired offers (the document reference and code digests waiting in them) and expired nonces every minute,
/// so nothing waits for a wallet past its lifetime. Any host may sweep; the deletes are idempotent.
/// </summary>
internal sealed class OfferSweeper(OfferStore store, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                store.Sweep(time.GetUtcNow());
            }
            catch (IssuerStateException)
            {
                // A busy or unreachable database: the next tick sweeps; expired rows are refused meanwhile anyway.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
