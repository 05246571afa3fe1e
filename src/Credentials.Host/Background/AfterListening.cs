using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Credentials.Host.Background;

/// <summary>
/// Starts a background service only once the host listens (<see cref="IHostApplicationLifetime.ApplicationStarted"/>,
/// which follows the server's binding). Hosted services otherwise start before the server binds its addresses, so a
/// host whose port is taken would re-sign lists, sweep state or resume batch jobs, then fail to start.
/// </summary>
internal sealed class AfterListening(IHostedService inner, IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly Lock gate = new();
    private CancellationTokenRegistration registration;
    private Task? started;
    private bool stopped;

    /// <summary>Registers <paramref name="create"/>'s service to start once the host listens.</summary>
    /// <remarks>
    /// Not <c>AddHostedService</c>: it adds one registration per implementation type (TryAddEnumerable), and every
    /// wrapper here is of this type, so only the first would run.
    /// </remarks>
    public static void Add(IServiceCollection services, Func<IServiceProvider, IHostedService> create) =>
        services.AddSingleton<IHostedService>(sp => new AfterListening(create(sp), sp.GetRequiredService<IHostApplicationLifetime>()));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registration = lifetime.ApplicationStarted.Register(() =>
        {
            lock (gate)
            {
                if (!stopped)
                {
                    started = inner.StartAsync(lifetime.ApplicationStopping);
                }
            }
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await registration.DisposeAsync().ConfigureAwait(false);
        Task? running;
        lock (gate)
        {
            stopped = true;
            running = started;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
            await inner.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
