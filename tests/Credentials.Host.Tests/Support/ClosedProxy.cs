using System.Net;
using System.Net.Sockets;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// A loopback port that accepts connections and closes them at once: Chromium's proxy in the tests, so whatever the
/// browser would fetch on its own from elsewhere never leaves the machine (loopback itself is never proxied).
/// </summary>
public sealed class ClosedProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public ClosedProxy()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                client.Close();
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }
}
