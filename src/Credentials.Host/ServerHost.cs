using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host;

/// <summary>
/// What every server command shares: a Kestrel web application on checked addresses, logs of one line each that say
/// where it listens and never carry personal data, and the platform's graceful shutdown. Ctrl-C, SIGINT and SIGTERM
/// reach the host's console lifetime (Microsoft.Extensions.Hosting), as does the caller's cancellation; either one
/// stops accepting connections, lets requests in flight finish (at most the shutdown timeout), and returns.
/// </summary>
public static partial class ServerHost
{
    /// <summary>How long requests in flight may take to finish once a stop is asked for.</summary>
    public static TimeSpan DefaultShutdownTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The log category of the host's own lines (listening, stopping, stopped).</summary>
    public const string LogCategory = "Credentials.Host";

    /// <summary>
    /// Splits and checks <c>--urls</c> (several separated by ';'): each must be an <c>http://host:port</c> address
    /// (port 0 takes a free one). HTTPS is refused: this server configures no certificate; put it behind a TLS proxy.
    /// </summary>
    public static IReadOnlyList<string> ParseUrls(string? urls)
    {
        var addresses = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            throw new ServerStartException("--urls: give at least one address to listen on, e.g. http://127.0.0.1:8080.");
        }

        foreach (var address in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException e)
            {
                throw new ServerStartException($"--urls: '{address}' is not an address to listen on (e.g. http://127.0.0.1:8080).", e);
            }

            if (binding.Scheme == Uri.UriSchemeHttps)
            {
                throw new ServerStartException($"--urls: '{address}': HTTPS needs a server certificate, which this server does not configure; listen on http and put a TLS proxy in front.");
            }

            if (binding.Scheme != Uri.UriSchemeHttp || (!binding.IsUnixPipe && (binding.Port < 0 || binding.Port > 65535 || string.IsNullOrEmpty(binding.Host))))
            {
                throw new ServerStartException($"--urls: '{address}' is not an address to listen on (e.g. http://127.0.0.1:8080).");
            }
        }

        return addresses;
    }

    /// <summary>Splits a list of addresses separated by ';' (as <c>--urls</c> and the <c>urls</c> setting give them), checking none.</summary>
    public static IReadOnlyList<string> SplitUrls(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A builder with the shared settings: the addresses, console logs (warnings and errors on standard error, the
    /// host's own lines on standard output; no request logs), the shutdown timeout, nothing uploaded.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyList<string> urls, TimeSpan? shutdownTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
        });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Warning);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(LogCategory, LogLevel.Information);

        // The host logs a failure to start with its stack trace; ours is reported as one line by StartAsync below.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        // The platform's request lines (request starting, request finished) are Information and Debug, never shown
        // here; while this category is enabled at all, every request still gets a diagnostic activity and a log scope
        // made for them (its id formatted, an async-local set and restored). A startup failure it would also log is
        // reported as one line by StartAsync, like the one above.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = shutdownTimeout ?? DefaultShutdownTimeout);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 0; // nothing is uploaded
        });
        return builder;
    }

    /// <summary>
    /// Starts the application; a failure to listen is a <see cref="ServerStartException"/> with one line naming the
    /// address and why (in use, no permission, no such address), and nothing is left listening.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or FormatException)
        {
            throw new ServerStartException(DescribeStartFailure(e, app), e);
        }
    }

    /// <summary>
    /// Runs the application until a stop signal (Ctrl-C, SIGINT, SIGTERM) or <paramref name="cancellationToken"/>,
    /// then stops it gracefully: no new connections, requests in flight finished within the shutdown timeout.
    /// <paramref name="started"/> is told the addresses it listens on (with the ports taken for port 0).
    /// </summary>
    public static async Task RunAsync(WebApplication app, Action<IReadOnlyCollection<string>>? started = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        await StartAsync(app, cancellationToken).ConfigureAwait(false);
        var addresses = app.Urls.ToList();
        var listening = string.Join(", ", addresses);
        LogListening(log, listening);
        started?.Invoke(addresses);

        // The console lifetime turns SIGINT and SIGTERM into ApplicationStopping; the caller's token is the other way.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (app.Lifetime.ApplicationStopping.Register(() => stop.TrySetResult()))
        using (cancellationToken.Register(() => stop.TrySetResult()))
        {
            await stop.Task.ConfigureAwait(false);
        }

        var timeout = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
        LogStopping(log, timeout.TotalSeconds);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        LogStopped(log);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Listening on {Addresses}.")]
    private static partial void LogListening(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stopping: no new connections; requests in flight may take {Seconds} s to finish.")]
    private static partial void LogStopping(ILogger logger, double seconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Stopped.")]
    private static partial void LogStopped(ILogger logger);

    private static string DescribeStartFailure(Exception e, WebApplication app)
    {
        var urls = string.Join(", ", app.Urls.Count > 0 ? app.Urls : ["the addresses given"]);
        var socket = Inner<SocketException>(e);
        var address = System.Text.RegularExpressions.Regex.Match(e.Message, @"address (\S+?):? ").Groups[1].Value;
        var where = address.Length > 0 ? address : urls;
        if (Inner<Microsoft.AspNetCore.Connections.AddressInUseException>(e) is not null || socket?.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return $"--urls: {where} is already in use by another program; choose another port.";
        }

        return socket?.SocketErrorCode switch
        {
            SocketError.AccessDenied => $"--urls: no permission to listen on {where} (ports below 1024 need privileges).",
            SocketError.AddressNotAvailable => $"--urls: this machine has no address {where}.",
            SocketError.HostNotFound or SocketError.NoData => $"--urls: the host name of {where} does not resolve.",
            _ => $"--urls: cannot listen on {where}.",
        };
    }

    private static T? Inner<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
