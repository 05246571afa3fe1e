using System.Diagnostics;
using System.Net;

namespace Credentials.Benchmarks;

/// <summary>
/// A bounded, open-loop HTTP load client: POSTs one body at a fixed rate for a fixed time and records each
/// request's latency from the moment it was due (so a stalled server shows in the latencies instead of lowering the
/// rate, as a closed loop would). Run with
/// <c>-- --paced-load URL BODY-FILE RATE SECONDS [CONNECTIONS]</c>; prints the achieved rate, errors and percentiles.
/// </summary>
internal static class PacedLoadClient
{
    public static int Run(string url, string bodyFile, int rate, int seconds, int connections)
    {
        var body = File.ReadAllBytes(bodyFile);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var total = (long)rate * seconds;
        var latencies = new double[total];
        var errors = 0L;
        var next = -1L;
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();

        async Task Worker()
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total)
                {
                    return;
                }

                var due = start + (long)(i * ticksPerRequest);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }

                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
                    using var response = await http.PostAsync(url, content).ConfigureAwait(false);
                    await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }
        }

        Task.WaitAll([.. Enumerable.Range(0, connections).Select(_ => Task.Run(Worker))]);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        double At(double quantile) => latencies[Math.Min(latencies.Length - 1, (long)(quantile * latencies.Length))];
        Console.WriteLine($"paced load: {total} requests at {rate}/s asked, {total / elapsed:F0}/s achieved over {elapsed:F1} s, {connections} connections, {errors} errors (not 200 or failed)");
        Console.WriteLine($"latency from the due time: p50 {At(0.50):F2} ms, p90 {At(0.90):F2} ms, p99 {At(0.99):F2} ms, p99.9 {At(0.999):F2} ms, max {latencies[^1]:F2} ms");
        return errors == 0 ? 0 : 1;
    }
}
