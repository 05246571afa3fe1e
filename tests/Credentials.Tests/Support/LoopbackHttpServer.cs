using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Credentials.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 serving fixed responses per path, counting requests.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, (int Status, Func<byte[]> Body)> routes = new(StringComparer.Ordinal);
    private readonly Task loop;
    private int requests;

    public LoopbackHttpServer()
    {
        // Take a free port from the operating system, then listen on it.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path.TrimStart('/')}");

    public void Serve(string path, Func<byte[]> body, int status = 200) => routes["/" + path.TrimStart('/')] = (status, body);

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
            using var response = context.Response;
            if (routes.TryGetValue(context.Request.Url!.AbsolutePath, out var route))
            {
                var body = route.Body();
                response.StatusCode = route.Status;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
