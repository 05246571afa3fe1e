using System.Runtime.InteropServices;

namespace Credentials.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM (what systemd, <c>docker stop</c> and Kubernetes send) as one request to stop: the
/// first either signal turns into <see cref="Token"/> being cancelled, so the command stops at a clean point (a batch
/// finishes the documents in hand, a download is abandoned, and no file is ever left half-written, since every file
/// is replaced through a temporary one). A second signal is not caught: the process ends at once, as a user pressing
/// Ctrl-C twice expects.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private int received;

    private StopSignals()
    {
    }

    /// <summary>Cancelled when the first stop signal arrives.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>The signal that asked the command to stop (<c>SIGINT</c> or <c>SIGTERM</c>), or null.</summary>
    public string? Received => Volatile.Read(ref received) switch
    {
        0 => null,
        var signal => signal == (int)PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT",
    };

    /// <summary>The exit code of a process ended by the signal received, as shells report it (128 + its number: 130, 143).</summary>
    public int SignalExitCode => Volatile.Read(ref received) == (int)PosixSignal.SIGTERM ? 143 : 130;

    /// <summary>Handles SIGINT and SIGTERM in this process until disposed.</summary>
    public static StopSignals Register()
    {
        var signals = new StopSignals();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                signals.registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // A platform without this signal: the runtime's default handling stays.
            }
        }

        return signals;
    }

    /// <summary>Releases the signal handlers.</summary>
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Only the first signal is a request to stop cleanly; the next one is left to end the process.
        if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) != 0)
        {
            return;
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
