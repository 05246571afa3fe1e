using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Credentials.Tests.Operations;

/// <summary>
/// A hand-written HTTP/1.1 server on 127.0.0.1 for answers no well-behaved server gives: a body that never ends, or a
/// Content-Length far larger than what it then sends. Counts the body bytes it managed to send.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Never sends more than this, so a test that fails cannot fill the machine.</summary>
    private const long SafetyCap = 4L * 1024 * 1024 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Kind kind;
    private long bodyBytesSent;

    private RawHttpServer(Kind kind)
    {
        this.kind = kind;
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    private enum Kind
    {
        EndlessChunkedBody,
        HugeContentLengthThenSilence,
    }

    /// <summary>Answers every request with 200 and a chunked body that goes on until the client hangs up.</summary>
    public static RawHttpServer EndlessBody() => new(Kind.EndlessChunkedBody);

    /// <summary>Answers with <c>Content-Length: 1 GiB</c>, sends a few bytes, then waits without closing.</summary>
    public static RawHttpServer AnnouncesHugeBody() => new(Kind.HugeContentLengthThenSilence);

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public long BodyBytesSent => Interlocked.Read(ref bodyBytesSent);

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        loop.Wait(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await ReadRequestHeadAsync(stream);
                if (kind == Kind.HugeContentLengthThenSilence)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"issuers\":["), stopping.Token);
                    Interlocked.Add(ref bodyBytesSent, 12);
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                    return;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"), stopping.Token);
                var chunk = Encoding.ASCII.GetBytes($"{ChunkSize:x}\r\n").Concat(Enumerable.Repeat((byte)' ', ChunkSize)).Concat("\r\n"u8.ToArray()).ToArray();
                while (BodyBytesSent < SafetyCap)
                {
                    await stream.WriteAsync(chunk, stopping.Token);
                    Interlocked.Add(ref bodyBytesSent, ChunkSize);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up (as it should, past its limit) or the test is over.
            }
        }
    }

    private async Task ReadRequestHeadAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var one = new byte[1];
        while (!(seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, stopping.Token) == 0)
            {
                throw new IOException("the client closed before its request was complete.");
            }

            seen.Add(one[0]);
        }
    }
}
