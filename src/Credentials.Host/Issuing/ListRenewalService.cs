using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Issuing;

/// <summary>
/// Keeps the lists the host signs fresh: at start and then every <see cref="Interval"/>, each revocation list past
/// half its validity and each token status list near its <c>exp</c> (or changed) is re-signed with its institution's
/// current key, so a verifier never meets an expired list and a rotated key takes over the lists too.
/// </summary>
internal sealed partial class ListRenewalService(RevocationPublisher revocation, StatusListPublisher statusLists, TimeProvider time, ILogger<ListRenewalService> log) : BackgroundService
{
    /// <summary>How often the lists are looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>One round: re-sign what is due. Failures are logged and retried next round.</summary>
    public void RenewDue()
    {
        try
        {
            var renewed = revocation.RenewDue();
            var published = statusLists.PublishDue();
            if (renewed.Count + published > 0)
            {
                Renewed(log, renewed.Count, published);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Credentials.Storage.Issuance.IssuerStateException or Credentials.Wallet.StatusLists.StatusListIssuanceException)
        {
            RenewalFailed(log, e.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        RenewDue();
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                RenewDue();
            }
        }
        catch (OperationCanceledException)
        {
            // The host stops.
        }
    }

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Re-signed {RevocationLists} revocation list(s) and {StatusLists} status list(s).")]
    private static partial void Renewed(ILogger logger, int revocationLists, int statusLists);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Re-signing the lists failed ({Failure}); retried in the next round.")]
    private static partial void RenewalFailed(ILogger logger, string failure);
}
