using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Testing;

/// <summary>A real HTTP server on 127.0.0.1 serving fixed responses per path, counting requests.</summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly ConcurrentDictionary<string, Func<HttpListenerRequest, Reply>> routes = new(StringComparer.Ordinal);
    private readonly Task loop;
    private int requests;

    public LoopbackHttpServer()
    {
        // Take a free port from the operating system, then listen on it; another test's server may take the same port
        // between the two (tests run in parallel), so a port found busy is given up for another.
        for (var attempt = 1; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                candidate.Start();
                listener = candidate;
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                CloseQuietly(candidate);
            }
        }

        loop = Task.Run(Serve);
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path.TrimStart('/')}");

    public void Serve(string path, Func<byte[]> body, int status = 200) => Handle(path, _ => new Reply(status, body()));

    /// <summary>Answers a path with whatever the handler decides from the request (headers included).</summary>
    public void Handle(string path, Func<HttpListenerRequest, Reply> handler) => routes["/" + path.TrimStart('/')] = handler;

    public void ServeFile(string path, string file) => Serve(path, () => File.ReadAllBytes(file));

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref requests);
            _ = Task.Run(() => Answer(context)); // one request at a time would let a slow reply block the rest
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            using var response = context.Response;
            if (routes.TryGetValue(context.Request.Url!.AbsolutePath, out var route))
            {
                var reply = route(context.Request);
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay);
                }

                response.StatusCode = reply.Status;
                foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                {
                    response.Headers[name] = value;
                }

                response.ContentLength64 = reply.Body.Length;
                await response.OutputStream.WriteAsync(reply.Body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (a timeout test) or the server is stopping: nothing to answer.
        }
    }

    /// <summary>A response: status, body, extra headers, and an optional delay before answering.</summary>
    public sealed record Reply(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

    public void Dispose()
    {
        CloseQuietly(listener);
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static void CloseQuietly(HttpListener listener)
    {
        try
        {
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed HttpListener unregisters its prefix by looking its port up again, and may bind the port anew
            // to do so; when a server of another test holds that port by now, that fails. Nothing of ours is left open.
        }
    }
}
