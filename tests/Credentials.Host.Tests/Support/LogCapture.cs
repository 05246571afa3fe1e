using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// Every log line of every host the tests start (at Trace level, with each structured value and any exception), and
/// the output of the CLI processes they run, kept for the whole test run: what <see cref="LogScanTests"/> scans for
/// personal data.
/// </summary>
public static class LogCapture
{
    private static readonly ConcurrentQueue<string> Captured = new();

    /// <summary>The lines captured so far.</summary>
    public static IReadOnlyCollection<string> Lines => Captured;

    /// <summary>Adds the capture to a host's logging, at every level.</summary>
    public static void AddTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.AddFilter((_, _) => true);
        logging.AddProvider(new Provider());
    }

    /// <summary>Keeps what a child process printed.</summary>
    public static void Add(string source, string text) => Captured.Enqueue($"{source}: {text}");

    private sealed class Provider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            Captured.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            Captured.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
